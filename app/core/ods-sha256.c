#define G_LOG_DOMAIN "ods-sha256"

#include "ods-sha256.h"

#include <nettle/sha2.h>

struct _OdsSha256
{
  struct sha256_ctx ctx;
};

OdsSha256 *
ods_sha256_new (void)
{
  OdsSha256 *self = g_new0 (OdsSha256, 1);

  sha256_init (&self->ctx);
  return self;
}

void
ods_sha256_update (OdsSha256  *self,
                   const void *data,
                   gsize       len)
{
  g_return_if_fail (self != NULL);

  sha256_update (&self->ctx, len, data);
}

void
ods_sha256_finish_hex (OdsSha256 *self,
                       char       hex[ODS_SHA256_HEX_LEN + 1])
{
  static const char digits[] = "0123456789abcdef";
  guint8 digest[SHA256_DIGEST_SIZE];

  g_return_if_fail (self != NULL);

  sha256_digest (&self->ctx, sizeof digest, digest);
  for (gsize i = 0; i < sizeof digest; i++)
    {
      hex[2 * i] = digits[digest[i] >> 4];
      hex[2 * i + 1] = digits[digest[i] & 0xf];
    }
  hex[ODS_SHA256_HEX_LEN] = '\0';
}

void
ods_sha256_free (OdsSha256 *self)
{
  g_free (self);
}

/**
 * ods_sha256_file:
 *
 * Hashes a whole file, reading it in large blocks. Blocking: call it from a
 * worker thread.
 *
 * Returns: (transfer full): the hex digest, or %NULL with @error set
 */
char *
ods_sha256_file (GFile        *file,
                 GCancellable *cancellable,
                 GError      **error)
{
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(OdsSha256) hasher = ods_sha256_new ();
  g_autofree guint8 *buf = g_malloc (1 << 20);
  char hex[ODS_SHA256_HEX_LEN + 1];

  in = g_file_read (file, cancellable, error);
  if (in == NULL)
    return NULL;

  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (in), buf, 1 << 20, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      ods_sha256_update (hasher, buf, n);
    }

  ods_sha256_finish_hex (hasher, hex);
  return g_strdup (hex);
}
