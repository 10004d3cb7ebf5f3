/* ods-portal-server-private.h: what the server's source files share. */
#pragma once

#include <libsoup/soup.h>

#include "ods-portal-multipart.h"
#include "ods-portal-server.h"

G_BEGIN_DECLS

typedef struct
{
  char *id;
  char *user_id;   /* NULL until signed in */
  char *csrf;
} OdsPortalSession;

typedef struct
{
  OdsPortalServer    *server;
  OdsPortalStore     *store;
  SoupServerMessage  *msg;
  const char         *action;
  JsonObject         *params;
  JsonObject         *user;        /* NULL = anonymous */
  OdsPortalMultipart *mp;          /* multipart body, or NULL */
  gboolean            replied;
} OdsPortalCall;

typedef void (*OdsPortalActionFunc) (OdsPortalCall *call);

typedef struct
{
  const char          *name;
  OdsPortalActionFunc  func;
  gboolean             side_effect_free;
} OdsPortalAction;

/* ods-portal-server.c */
const OdsPortalConfig *ods_portal_server_get_config   (OdsPortalServer *self);
OdsPortalStore        *ods_portal_server_get_store    (OdsPortalServer *self);
GHashTable            *ods_portal_server_get_sessions (OdsPortalServer *self);
void                   ods_portal_server_save         (OdsPortalServer *self);
void                   ods_portal_server_count_ok     (OdsPortalServer *self,
                                                       const char      *action);

void ods_portal_reply_json      (SoupServerMessage *msg,
                                 guint              status,
                                 JsonNode          *root);
void ods_portal_reply_bare      (SoupServerMessage *msg,
                                 guint              status,
                                 const char        *text);
void ods_portal_reply_html      (SoupServerMessage *msg,
                                 guint              status,
                                 const char        *html);

void ods_portal_call_ok         (OdsPortalCall *call,
                                 JsonNode      *result);
void ods_portal_call_error      (OdsPortalCall *call,
                                 guint          status,
                                 JsonObject    *error);
void ods_portal_call_not_found  (OdsPortalCall *call,
                                 const char    *detail);
void ods_portal_call_denied     (OdsPortalCall *call,
                                 const char    *format,
                                 ...) G_GNUC_PRINTF (2, 3);
/* field, message, [message…], NULL */
void ods_portal_call_invalid    (OdsPortalCall *call,
                                 const char    *field,
                                 ...) G_GNUC_NULL_TERMINATED;

const char *ods_portal_call_get_string (OdsPortalCall *call,
                                        const char    *name);
gboolean    ods_portal_call_get_bool   (OdsPortalCall *call,
                                        const char    *name,
                                        gboolean       fallback);
/* FALSE when present but not an integer. */
gboolean    ods_portal_call_get_int    (OdsPortalCall *call,
                                        const char    *name,
                                        gint64         fallback,
                                        gint64        *out);
const char *ods_portal_call_user_name  (OdsPortalCall *call);
gboolean    ods_portal_call_is_sysadmin (OdsPortalCall *call);

/* ods-portal-actions.c */
const OdsPortalAction *ods_portal_actions_lookup (const char *name,
                                                  gboolean    validation);
void ods_portal_download (OdsPortalServer   *server,
                          SoupServerMessage *msg,
                          const char        *package_id,
                          const char        *resource_id);

/* ods-portal-login.c */
OdsPortalSession *ods_portal_login_find_session   (OdsPortalServer   *server,
                                                   SoupServerMessage *msg);
gboolean          ods_portal_login_check_csrf     (OdsPortalServer   *server,
                                                   SoupServerMessage *msg,
                                                   OdsPortalSession  *session);
gboolean          ods_portal_login_handle         (OdsPortalServer   *server,
                                                   SoupServerMessage *msg,
                                                   const char        *path,
                                                   GHashTable        *form);
void              ods_portal_session_free         (OdsPortalSession  *session);

/* ods-portal-seed.c */
gboolean ods_portal_seed_demo         (OdsPortalStore *store,
                                       GError        **error);
void     ods_portal_seed_print_tokens (OdsPortalStore *store);

G_END_DECLS
