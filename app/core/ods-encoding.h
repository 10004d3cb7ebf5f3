/* ods-encoding.h: detecting a table file's character encoding and
 * converting it to UTF-8, block by block.
 *
 * Supported (canonical names): "utf-8", "utf-8-sig", "utf-16le",
 * "utf-16be", "windows-1258", "tcvn3" (TCVN 5712:1993 VN3, the ".VnTime"
 * ABC fonts) and "vni-windows". The legacy Vietnamese encodings use tables
 * of our own, so no iconv is needed on any platform.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ODS_ENCODING_UTF8         "utf-8"
#define ODS_ENCODING_UTF8_SIG     "utf-8-sig"
#define ODS_ENCODING_UTF16LE      "utf-16le"
#define ODS_ENCODING_UTF16BE      "utf-16be"
#define ODS_ENCODING_WINDOWS_1258 "windows-1258"
#define ODS_ENCODING_TCVN3        "tcvn3"
#define ODS_ENCODING_VNI_WINDOWS  "vni-windows"

/* How many bytes from the start of a file ods_encoding_detect() wants. */
#define ODS_ENCODING_SAMPLE_SIZE (64 * 1024)

const char         *ods_encoding_detect           (const guint8 *sample,
                                                   gsize         len);
const char         *ods_encoding_canonical_name   (const char   *name,
                                                   GError      **error);
const char * const *ods_encoding_list             (void);

/**
 * OdsDecoder:
 *
 * A streaming converter from one of the supported encodings to UTF-8.
 * Input may be cut anywhere: incomplete sequences (a UTF-8 character, a
 * UTF-16 surrogate pair, a VNI letter and its mark byte) are kept for the
 * next call. Invalid input becomes U+FFFD and is counted. The output is not
 * normalized: legacy encodings give combining marks that the caller
 * composes to NFC (see ods_utf8_has_marks()).
 */
typedef struct _OdsDecoder OdsDecoder;

OdsDecoder *ods_decoder_new     (const char  *canonical_name);
/* Appends the UTF-8 for @in to @out. Set @flush on the last call.
 * Returns the number of invalid sequences replaced by U+FFFD; if any,
 * @first_error (may be %NULL) gets the offset in @out of the first one. */
gsize       ods_decoder_convert (OdsDecoder  *self,
                                 const guint8 *in,
                                 gsize         len,
                                 gboolean      flush,
                                 GByteArray   *out,
                                 gsize        *first_error);
/* What ods_decoder_convert_scan() learnt of the text it appended while
 * decoding it: for the bytes of @out in [@from, @to), whether any is a NUL
 * (@nul) or may start a combining mark, 0xCC or 0xCD (@marks: may be TRUE
 * more often than needed, never less). Bytes outside that range were not
 * looked at (@from == @to: none were). */
typedef struct
{
  gsize    from;
  gsize    to;
  gboolean nul;
  gboolean marks;
} OdsTextScan;

gsize       ods_decoder_convert_scan (OdsDecoder   *self,
                                      const guint8 *in,
                                      gsize         len,
                                      gboolean      flush,
                                      GByteArray   *out,
                                      gsize        *first_error,
                                      OdsTextScan  *scan);
const char *ods_decoder_get_name (OdsDecoder *self);
void        ods_decoder_free    (OdsDecoder  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdsDecoder, ods_decoder_free)

/* TRUE when @s may hold combining marks (U+0300–U+036F, the ones found in
 * Vietnamese text) and so may change under NFC. A byte check, no decoding. */
static inline gboolean
ods_utf8_has_marks (const char *s,
                    gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (((guint8) s[i] & 0xfe) == 0xcc)
      return TRUE;
  return FALSE;
}

char *ods_utf8_normalize_nfc (const char *str,
                              gsize       len,
                              gsize      *out_len);

G_END_DECLS
