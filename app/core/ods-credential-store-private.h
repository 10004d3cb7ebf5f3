/* ods-credential-store-private.h: what each keyring backend implements. */
#pragma once

#include "ods-credential-store.h"

G_BEGIN_DECLS

const char *ods_credential_backend_name   (void);
gboolean    ods_credential_backend_store  (const char    *portal_url,
                                           const char    *user,
                                           const char    *token,
                                           GCancellable  *cancellable,
                                           GError       **error);
char       *ods_credential_backend_lookup (const char    *portal_url,
                                           const char    *user,
                                           char         **out_user,
                                           GCancellable  *cancellable,
                                           GError       **error);
gboolean    ods_credential_backend_clear  (const char    *portal_url,
                                           const char    *user,
                                           GCancellable  *cancellable,
                                           GError       **error);

G_END_DECLS
