/* ods-sha256.h: SHA-256 through nettle (uses the CPU's SHA instructions). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ODS_SHA256_HEX_LEN 64

typedef struct _OdsSha256 OdsSha256;

OdsSha256 *ods_sha256_new        (void);
void       ods_sha256_update     (OdsSha256    *self,
                                  const void   *data,
                                  gsize         len);
/* Writes 64 lower-case hex digits and a NUL into @hex; the hasher may not be updated again. */
void       ods_sha256_finish_hex (OdsSha256    *self,
                                  char          hex[ODS_SHA256_HEX_LEN + 1]);
void       ods_sha256_free       (OdsSha256    *self);

char      *ods_sha256_file       (GFile        *file,
                                  GCancellable *cancellable,
                                  GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdsSha256, ods_sha256_free)

G_END_DECLS
