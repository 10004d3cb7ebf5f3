#define G_LOG_DOMAIN "ods-portal-login"

/* CKAN's web sign-in, as the recorded samples show it: GET /user/login gives a
 * session cookie and a CSRF token; POST /user/login signs in and starts a new
 * session (the old CSRF token no longer matches); any page then carries the
 * fresh token in <meta name="_csrf_token">, which API POSTs made with the
 * cookie must send back in X-CSRFToken. */

#include "ods-portal-server-private.h"

#include <string.h>

#define COOKIE_NAME "ckan"

void
ods_portal_session_free (OdsPortalSession *session)
{
  if (session == NULL)
    return;
  g_free (session->id);
  g_free (session->user_id);
  g_free (session->csrf);
  g_free (session);
}

static char *
random_token (void)
{
  guchar bytes[24];
  char *b64;

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (guchar) g_random_int_range (0, 256);
  b64 = g_base64_encode (bytes, sizeof bytes);
  g_strdelimit (b64, "+/=", '_');
  return b64;
}

static OdsPortalSession *
session_new (OdsPortalServer *server,
             const char      *user_id)
{
  OdsPortalSession *session = g_new0 (OdsPortalSession, 1);
  g_autofree char *raw = random_token ();
  g_autofree char *stamp = random_token ();

  session->id = random_token ();
  session->user_id = g_strdup (user_id);
  /* shaped like Flask-WTF's signed token: "payload.timestamp.signature" */
  session->csrf = g_strdup_printf ("Ij%s.%.6s.%s", raw, stamp, stamp);
  g_hash_table_replace (ods_portal_server_get_sessions (server), session->id, session);
  return session;
}

OdsPortalSession *
ods_portal_login_find_session (OdsPortalServer   *server,
                               SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *cookie = soup_message_headers_get_list (headers, "Cookie");
  g_autoptr(GHashTable) pairs = NULL;
  const char *id;
  OdsPortalSession *found = NULL;

  if (cookie == NULL)
    return NULL;
  pairs = soup_header_parse_semi_param_list (cookie);
  id = g_hash_table_lookup (pairs, COOKIE_NAME);
  if (id != NULL)
    found = g_hash_table_lookup (ods_portal_server_get_sessions (server), id);
  return found;
}

static void
set_cookie (SoupServerMessage *msg,
            OdsPortalSession  *session)
{
  g_autofree char *value = g_strdup_printf ("%s=%s; expires=Tue, 19-Jan-2038 03:14:07 GMT; HttpOnly; Path=/; SameSite=Lax",
                                            COOKIE_NAME, session->id);

  soup_message_headers_append (soup_server_message_get_response_headers (msg), "Set-Cookie", value);
}

static const char page_tmpl[] =
  "<!DOCTYPE html>\n"
  "<html lang=\"vi\">\n"
  "  <head>\n"
  "    <meta charset=\"utf-8\" />\n"
  "      <meta name=\"csrf_field_name\" content=\"_csrf_token\" />\n"
  "      <meta name=\"_csrf_token\" content=\"%s\" />\n\n"
  "      <meta name=\"generator\" content=\"ckan 2.10.10\" />\n"
  "    <title>%s - Cổng dữ liệu mở tỉnh Bình Định (bản thử)</title>\n"
  "  </head>\n"
  "  <body>\n"
  "    <div class=\"account-masthead\">%s</div>\n"
  "    <div class=\"flash-messages\">\n%s    </div>\n"
  "    <div class=\"primary\" role=\"main\">\n%s\n    </div>\n"
  "  </body>\n"
  "</html>\n";

static const char login_form_tmpl[] =
  "      <h1 class=\"page-heading\">Login</h1>\n"
  "<form action=\"\" method=\"post\">\n"
  "<input type=\"hidden\" name=\"_csrf_token\" value=\"%s\"/>\n"
  "<label class=\"form-label\" for=\"field-login\">Username or Email</label>\n"
  "<input id=\"field-login\" type=\"text\" name=\"login\" value=\"\" placeholder=\"\"  class=\"form-control\" />\n"
  "<label class=\"form-label\" for=\"field-password\">Password</label>\n"
  "<input id=\"field-password\" type=\"password\" name=\"password\" value=\"\" placeholder=\"\"  class=\"form-control\" />\n"
  "<input id=\"field-remember\" type=\"checkbox\" name=\"remember\" value=\"63072000\" checked   />\n"
  "<button class=\"btn btn-primary\" type=\"submit\">Login</button>\n"
  "</form>";

static void
reply_page (OdsPortalServer   *server,
            SoupServerMessage *msg,
            OdsPortalSession  *session,
            guint              status,
            const char        *title,
            const char        *flash,
            const char        *content)
{
  OdsPortalStore *store = ods_portal_server_get_store (server);
  JsonObject *user = session->user_id ? ods_portal_store_find_user (store, session->user_id) : NULL;
  g_autofree char *masthead = NULL;
  g_autofree char *flash_html = NULL;
  g_autofree char *html = NULL;

  if (user != NULL)
    {
      g_autofree char *name = g_markup_escape_text (ods_portal_object_get_string (user, "name"), -1);
      g_autofree char *full = g_markup_escape_text (ods_portal_object_get_string (user, "fullname") ?: "", -1);

      masthead = g_strdup_printf ("<div class=\"account avatar authed\" data-module=\"me\" data-me=\"%s\">"
                                  "<a href=\"/user/%s\"><span class=\"username\">%s</span></a>"
                                  "<a href=\"/user/_logout\" title=\"Log out\">Log out</a></div>",
                                  ods_portal_object_get_string (user, "id"), name, full);
    }
  else
    masthead = g_strdup ("<nav class=\"account not-authed\"><a href=\"/user/login\">Log in</a></nav>");
  flash_html = flash ? g_strdup_printf ("      <div class=\"alert alert-dismissible fade show alert-danger\">\n"
                                        "        %s\n      </div>\n", flash)
                     : g_strdup ("");
  html = g_strdup_printf (page_tmpl, session->csrf, title, masthead, flash_html, content);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control", "private");
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Vary", "Cookie");
  ods_portal_reply_html (msg, status, html);
}

gboolean
ods_portal_login_check_csrf (OdsPortalServer   *server,
                             SoupServerMessage *msg,
                             OdsPortalSession  *session)
{
  const char *sent = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "X-CSRFToken");
  const char *problem;

  if (session == NULL)
    return TRUE;
  if (sent == NULL || *sent == '\0')
    problem = "The CSRF token is missing.";
  else if (!g_str_equal (sent, session->csrf))
    problem = "The CSRF tokens do not match.";
  else
    return TRUE;

  {
    g_autofree char *content = g_strdup_printf ("<h1>400 Bad Request</h1>\n<p>\n      %s\n</p>", problem);

    reply_page (server, msg, session, 400, "Error 400", NULL, content);
  }
  return FALSE;
}

gboolean
ods_portal_login_handle (OdsPortalServer   *server,
                         SoupServerMessage *msg,
                         const char        *path,
                         GHashTable        *form)
{
  OdsPortalStore *store = ods_portal_server_get_store (server);
  const char *method = soup_server_message_get_method (msg);
  OdsPortalSession *session = ods_portal_login_find_session (server, msg);
  gboolean fresh = FALSE;

  if (!(g_str_equal (path, "/user/login") || g_str_equal (path, "/user/_logout") ||
        g_str_has_prefix (path, "/dashboard") || g_str_equal (path, "/") ||
        (g_str_has_prefix (path, "/user/") && g_str_equal (method, "GET"))))
    return FALSE;

  if (session == NULL)
    {
      session = session_new (server, NULL);
      fresh = TRUE;
    }

  if (g_str_equal (path, "/user/login") && g_str_equal (method, "POST"))
    {
      const char *login = form ? g_hash_table_lookup (form, "login") : NULL;
      const char *password = form ? g_hash_table_lookup (form, "password") : NULL;
      JsonObject *user = login ? ods_portal_store_find_user (store, login) : NULL;

      if (user != NULL && g_strcmp0 (ods_portal_object_get_string (user, "state"), "active") == 0 &&
          ods_portal_store_check_password (store, user, password))
        {
          g_autofree char *location = g_strdup_printf ("%s/dashboard/datasets", ods_portal_server_get_site_url (server));
          g_autofree char *body = g_strdup_printf ("<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n"
                                                   "<h1>Redirecting...</h1>\n<p>You should be redirected automatically "
                                                   "to the target URL: <a href=\"%s\">%s</a>. If not, click the link.\n",
                                                   location, location);
          OdsPortalSession *signed_in;

          /* A new session on sign-in: the pre-login CSRF token stops matching. */
          g_hash_table_remove (ods_portal_server_get_sessions (server), session->id);
          signed_in = session_new (server, ods_portal_object_get_string (user, "id"));
          set_cookie (msg, signed_in);
          soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location", location);
          ods_portal_reply_html (msg, 302, body);
          return TRUE;
        }
      g_free (session->user_id);
      session->user_id = NULL;
      {
        g_autofree char *content = g_strdup_printf (login_form_tmpl, session->csrf);

        set_cookie (msg, session);
        reply_page (server, msg, session, 200, "Login", "Login failed. Bad username or password.", content);
      }
      return TRUE;
    }

  if (g_str_equal (path, "/user/_logout"))
    {
      g_autofree char *location = g_strdup_printf ("%s/user/logged_out_redirect", ods_portal_server_get_site_url (server));

      g_hash_table_remove (ods_portal_server_get_sessions (server), session->id);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location", location);
      ods_portal_reply_html (msg, 302, "<h1>Redirecting...</h1>");
      return TRUE;
    }

  if (fresh)
    set_cookie (msg, session);

  if (g_str_equal (path, "/user/login"))
    {
      g_autofree char *content = g_strdup_printf (login_form_tmpl, session->csrf);

      reply_page (server, msg, session, 200, "Login", NULL, content);
    }
  else if (g_str_has_prefix (path, "/dashboard") && session->user_id != NULL)
    reply_page (server, msg, session, 200, "Manage - Users", NULL,
                "<h1 class=\"page-heading\">My Datasets</h1>");
  else if (g_str_has_prefix (path, "/dashboard"))
    {
      g_autofree char *location = g_strdup_printf ("%s/user/login", ods_portal_server_get_site_url (server));

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location", location);
      ods_portal_reply_html (msg, 302, "<h1>Redirecting...</h1>");
    }
  else
    reply_page (server, msg, session, 200, "Welcome", NULL,
                "<h1 class=\"page-heading\">Cổng dữ liệu mở tỉnh Bình Định (bản thử)</h1>");
  return TRUE;
}
