#define G_LOG_DOMAIN "ods-credential-store"

/* The Windows Credential Manager backend. Compiled only on Windows.
 *
 * One generic credential per portal and user, target name
 * "<app id>:<portal url>|<user>", the token as the credential blob (UTF-8),
 * persisted for this user on this machine.
 */

#include "config.h"

#include <glib.h>

#ifdef G_OS_WIN32

#include "ods-credential-store-private.h"
#include "ods-i18n.h"

#include <string.h>
#include <windows.h>
#include <wincred.h>

const char *
ods_credential_backend_name (void)
{
  return "wincred";
}

static void
set_win_error (GError     **error,
               DWORD        code)
{
  g_autofree char *msg = g_win32_error_message ((int) code);

  g_set_error (error, ODS_CREDENTIAL_ERROR, ODS_CREDENTIAL_ERROR_FAILED, "%s\n%s",
               _("The token could not be kept in the Windows Credential Manager. Try again; "
                 "if it goes on, tell your IT department."), msg);
}

static gunichar2 *
target_name (const char *portal_url,
             const char *user)
{
  g_autofree char *target = g_strdup_printf ("%s:%s|%s", APP_ID, portal_url, user);

  return g_utf8_to_utf16 (target, -1, NULL, NULL, NULL);
}

gboolean
ods_credential_backend_store (const char    *portal_url,
                              const char    *user,
                              const char    *token,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autofree gunichar2 *target = target_name (portal_url, user);
  g_autofree gunichar2 *user16 = g_utf8_to_utf16 (user, -1, NULL, NULL, NULL);
  CREDENTIALW cred;
  gsize len = strlen (token);

  if (target == NULL || user16 == NULL || len > CRED_MAX_CREDENTIAL_BLOB_SIZE)
    {
      set_win_error (error, ERROR_INVALID_PARAMETER);
      return FALSE;
    }

  memset (&cred, 0, sizeof cred);
  cred.Type = CRED_TYPE_GENERIC;
  cred.TargetName = (LPWSTR) target;
  cred.UserName = (LPWSTR) user16;
  cred.CredentialBlobSize = (DWORD) len;
  cred.CredentialBlob = (LPBYTE) token;
  cred.Persist = CRED_PERSIST_LOCAL_MACHINE;

  if (!CredWriteW (&cred, 0))
    {
      set_win_error (error, GetLastError ());
      return FALSE;
    }
  return TRUE;
}

static char *
token_of (const CREDENTIALW *cred)
{
  if (cred->CredentialBlob == NULL || cred->CredentialBlobSize == 0)
    return NULL;
  return g_strndup ((const char *) cred->CredentialBlob, cred->CredentialBlobSize);
}

char *
ods_credential_backend_lookup (const char    *portal_url,
                               const char    *user,
                               char         **out_user,
                               GCancellable  *cancellable,
                               GError       **error)
{
  char *token = NULL;

  if (user != NULL)
    {
      g_autofree gunichar2 *target = target_name (portal_url, user);
      PCREDENTIALW cred = NULL;

      if (target == NULL)
        return NULL;
      if (!CredReadW ((LPCWSTR) target, CRED_TYPE_GENERIC, 0, &cred))
        {
          DWORD code = GetLastError ();

          if (code != ERROR_NOT_FOUND)
            set_win_error (error, code);
          return NULL;
        }
      token = token_of (cred);
      SecureZeroMemory (cred->CredentialBlob, cred->CredentialBlobSize);
      CredFree (cred);
      if (token != NULL && out_user != NULL)
        *out_user = g_strdup (user);
      return token;
    }
  else
    {
      g_autofree char *filter = g_strdup_printf ("%s:%s|*", APP_ID, portal_url);
      g_autofree gunichar2 *filter16 = g_utf8_to_utf16 (filter, -1, NULL, NULL, NULL);
      PCREDENTIALW *creds = NULL;
      DWORD count = 0;

      if (filter16 == NULL)
        return NULL;
      if (!CredEnumerateW ((LPCWSTR) filter16, 0, &count, &creds))
        {
          DWORD code = GetLastError ();

          if (code != ERROR_NOT_FOUND)
            set_win_error (error, code);
          return NULL;
        }
      if (count > 0)
        {
          token = token_of (creds[0]);
          if (token != NULL && out_user != NULL && creds[0]->UserName != NULL)
            *out_user = g_utf16_to_utf8 ((const gunichar2 *) creds[0]->UserName, -1, NULL, NULL, NULL);
        }
      for (DWORD i = 0; i < count; i++)
        if (creds[i]->CredentialBlob != NULL)
          SecureZeroMemory (creds[i]->CredentialBlob, creds[i]->CredentialBlobSize);
      CredFree (creds);
      return token;
    }
}

gboolean
ods_credential_backend_clear (const char    *portal_url,
                              const char    *user,
                              GCancellable  *cancellable,
                              GError       **error)
{
  if (user != NULL)
    {
      g_autofree gunichar2 *target = target_name (portal_url, user);

      if (target != NULL && !CredDeleteW ((LPCWSTR) target, CRED_TYPE_GENERIC, 0))
        {
          DWORD code = GetLastError ();

          if (code != ERROR_NOT_FOUND)
            {
              set_win_error (error, code);
              return FALSE;
            }
        }
      return TRUE;
    }
  else
    {
      g_autofree char *filter = g_strdup_printf ("%s:%s|*", APP_ID, portal_url);
      g_autofree gunichar2 *filter16 = g_utf8_to_utf16 (filter, -1, NULL, NULL, NULL);
      PCREDENTIALW *creds = NULL;
      DWORD count = 0;
      gboolean ok = TRUE;

      if (filter16 == NULL || !CredEnumerateW ((LPCWSTR) filter16, 0, &count, &creds))
        return TRUE;
      for (DWORD i = 0; i < count; i++)
        if (!CredDeleteW (creds[i]->TargetName, CRED_TYPE_GENERIC, 0) && GetLastError () != ERROR_NOT_FOUND)
          {
            if (ok)
              set_win_error (error, GetLastError ());
            ok = FALSE;
          }
      CredFree (creds);
      return ok;
    }
}

#endif /* G_OS_WIN32 */
