/* ods-portal-multipart.h: a streaming multipart/form-data parser. Fields are kept
 * in memory (small); the first file part is written to a temporary file as it
 * arrives, so a 1 GB upload never sits in memory. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _OdsPortalMultipart OdsPortalMultipart;

OdsPortalMultipart *ods_portal_multipart_new        (const char          *boundary,
                                                     const char          *tmp_dir,
                                                     guint64              max_file_size);
gboolean            ods_portal_multipart_feed       (OdsPortalMultipart  *self,
                                                     const guint8        *data,
                                                     gsize                len,
                                                     GError             **error);
/* TRUE when the closing boundary was seen. */
gboolean            ods_portal_multipart_is_complete (OdsPortalMultipart *self);
/* Field name → value, in arrival order (the last value wins for repeated names). */
GPtrArray          *ods_portal_multipart_get_fields (OdsPortalMultipart  *self);
const char         *ods_portal_multipart_get_field  (OdsPortalMultipart  *self,
                                                     const char          *name);
/* The file part, if any: its form field name, its file name, the temporary file
 * holding what was received (NULL when over the limit), and its full size. */
const char         *ods_portal_multipart_get_file_field (OdsPortalMultipart *self);
const char         *ods_portal_multipart_get_filename   (OdsPortalMultipart *self);
const char         *ods_portal_multipart_get_file_path  (OdsPortalMultipart *self);
guint64             ods_portal_multipart_get_file_size  (OdsPortalMultipart *self);
gboolean            ods_portal_multipart_get_too_large  (OdsPortalMultipart *self);
/* The caller moved the temporary file away: do not delete it on free. */
void                ods_portal_multipart_release_file   (OdsPortalMultipart *self);
void                ods_portal_multipart_free       (OdsPortalMultipart  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdsPortalMultipart, ods_portal_multipart_free)

G_END_DECLS
