/* link-server.h: a unit's own data service for the link-mode tests, a real
 * HTTP server on 127.0.0.1 running in its own thread (so that it also answers
 * while a test waits for the CLI). It counts the requests that carried a
 * credential: a link must never receive the portal's token.
 * Header-only, shared by the test binaries (hence G_GNUC_UNUSED). */
#pragma once

#include <libsoup/soup.h>
#include <string.h>

/* Matches the stand-in portal's schema of thu-chi-ngan-sach. */
#define LINK_VALID_CSV \
  "quy,chi_tieu,du_toan,thuc_hien\n" \
  "2026-Q4,Thu nội địa,12500,12000.5\n" \
  "2026-Q4,Chi đầu tư phát triển,8000,7500\n"

/* Row 2: a quarter that does not exist; row 3: no indicator, a negative
 * estimate and a result that is not a number. */
#define LINK_INVALID_CSV \
  "quy,chi_tieu,du_toan,thuc_hien\n" \
  "2026-Q5,Thu nội địa,12500,12000.5\n" \
  "2026-Q4,,-5,abc\n"

typedef struct
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  char         *base;          /* "http://127.0.0.1:PORT/" */
  gint          requests;      /* atomic */
  gint          credentials;   /* atomic: requests with Authorization, X-CKAN-API-Key or Cookie */
  GMutex        lock;
  GCond         cond;
} LinkServer;

G_GNUC_UNUSED static void
link_server_handle (SoupServer        *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  LinkServer *ls = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  g_atomic_int_inc (&ls->requests);
  if (soup_message_headers_get_one (headers, "Authorization") != NULL ||
      soup_message_headers_get_one (headers, "X-CKAN-API-Key") != NULL ||
      soup_message_headers_get_one (headers, "Cookie") != NULL)
    g_atomic_int_inc (&ls->credentials);

  if (g_str_equal (path, "/valid.csv"))
    soup_server_message_set_response (msg, "text/csv", SOUP_MEMORY_STATIC,
                                      LINK_VALID_CSV, strlen (LINK_VALID_CSV));
  else if (g_str_equal (path, "/invalid.csv"))
    soup_server_message_set_response (msg, "text/csv; charset=utf-8", SOUP_MEMORY_STATIC,
                                      LINK_INVALID_CSV, strlen (LINK_INVALID_CSV));
  else
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }
  soup_server_message_set_status (msg, 200, NULL);
}

G_GNUC_UNUSED static gpointer
link_server_thread (gpointer data)
{
  LinkServer *ls = data;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (ls->context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, link_server_handle, ls, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_mutex_lock (&ls->lock);
  ls->base = g_uri_to_string (uris->data);
  g_cond_signal (&ls->cond);
  g_mutex_unlock (&ls->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (ls->loop);
  soup_server_disconnect (server);
  g_main_context_pop_thread_default (ls->context);
  return NULL;
}

G_GNUC_UNUSED static LinkServer *
link_server_start (void)
{
  LinkServer *ls = g_new0 (LinkServer, 1);

  g_mutex_init (&ls->lock);
  g_cond_init (&ls->cond);
  ls->context = g_main_context_new ();
  ls->loop = g_main_loop_new (ls->context, FALSE);
  ls->thread = g_thread_new ("link-server", link_server_thread, ls);
  g_mutex_lock (&ls->lock);
  while (ls->base == NULL)
    g_cond_wait (&ls->cond, &ls->lock);
  g_mutex_unlock (&ls->lock);
  return ls;
}

G_GNUC_UNUSED static char *
link_server_url (LinkServer *ls,
                 const char *path)
{
  return g_strconcat (ls->base, path, NULL);
}

G_GNUC_UNUSED static gboolean
link_server_quit (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

G_GNUC_UNUSED static void
link_server_stop (LinkServer *ls)
{
  if (ls == NULL)
    return;
  g_main_context_invoke (ls->context, link_server_quit, ls->loop);
  g_thread_join (ls->thread);
  g_main_loop_unref (ls->loop);
  g_main_context_unref (ls->context);
  g_mutex_clear (&ls->lock);
  g_cond_clear (&ls->cond);
  g_free (ls->base);
  g_free (ls);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinkServer, link_server_stop)
