#define G_LOG_DOMAIN "ods-encoding"

#include "ods-encoding.h"

#include "ods-i18n.h"
#include "ods-table-error.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define HAVE_AVX2_UTF8 1
#endif

/* The tables below were written from the published code charts (the
 * Windows-1258 chart, TCVN 5712:1993 and the VNI-Windows font layout) and
 * checked against glibc's iconv where it has the encoding; see
 * tests/test-encoding.c. */

/* Windows-1258, bytes 0x80–0xFF (0xFFFD: undefined). */
static const guint16 cp1258_high[128] = {
  0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0xFFFD, 0x2039, 0x0152, 0xFFFD, 0xFFFD, 0xFFFD,
  0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0xFFFD, 0x203A, 0x0153, 0xFFFD, 0xFFFD, 0x0178,
  0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,
  0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
  0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
  0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,
  0x00C0, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x00C5, 0x00C6, 0x00C7,
  0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x0300, 0x00CD, 0x00CE, 0x00CF,
  0x0110, 0x00D1, 0x0309, 0x00D3, 0x00D4, 0x01A0, 0x00D6, 0x00D7,
  0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x01AF, 0x0303, 0x00DF,
  0x00E0, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x00E5, 0x00E6, 0x00E7,
  0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x0301, 0x00ED, 0x00EE, 0x00EF,
  0x0111, 0x00F1, 0x0323, 0x00F3, 0x00F4, 0x01A1, 0x00F6, 0x00F7,
  0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x01B0, 0x20AB, 0x00FF,
};

/* TCVN3 (TCVN 5712:1993 VN3), bytes 0x80–0xFF: 0xA0–0xFF as in the
 * standard (0xB0–0xB4 are the combining tone marks); 0x80–0x9F are what
 * Windows shows there with a .VnTime font, the Windows-1252 punctuation,
 * and VN1's capitals where Windows-1252 has nothing. */
static const guint16 tcvn3_high[128] = {
  0x20AC, 0x1EA2, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x00CC, 0x017D, 0x0128,
  0x00CD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x00D9, 0x017E, 0x0178,
  0x00A0, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110,
  0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0x1EB0,
  0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00E0, 0x1EA3, 0x00E3,
  0x00E1, 0x1EA1, 0x1EB2, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB4,
  0x1EAE, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EC0, 0x1EB7, 0x1EA7,
  0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x1EC2, 0x1EBB, 0x1EBD,
  0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC,
  0x1EC9, 0x1EC4, 0x1EBE, 0x1ED2, 0x0129, 0x00ED, 0x1ECB, 0x00F2,
  0x1ED4, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7,
  0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9,
  0x1ED6, 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF,
  0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0x1ED0,
};

/* VNI-Windows writes many letters as an ASCII vowel followed by a mark
 * byte ("a" 0xF9 is "á", "a" 0xE1 is "ấ"). A mark byte after a vowel
 * becomes combining marks (composed later by NFC); anywhere else it is the
 * Windows-1252 letter a VNI font would not show differently. Capital and
 * small mark bytes mean the same. */
typedef struct
{
  guint8  byte;
  guint16 letter;   /* a letter of its own, or 0 */
  guint16 mark1;    /* combining marks after a vowel, or 0 */
  guint16 mark2;
} VniByte;

static const VniByte vni_bytes[] = {
  /* letters of their own */
  { 0xD4, 0x01A0, 0, 0 }, { 0xF4, 0x01A1, 0, 0 },   /* Ơ ơ */
  { 0xD6, 0x01AF, 0, 0 }, { 0xF6, 0x01B0, 0, 0 },   /* Ư ư */
  { 0xD1, 0x0110, 0, 0 }, { 0xF1, 0x0111, 0, 0 },   /* Đ đ */
  { 0xCD, 0x00CD, 0, 0 }, { 0xED, 0x00ED, 0, 0 },   /* Í í */
  { 0xCC, 0x00CC, 0, 0 }, { 0xEC, 0x00EC, 0, 0 },   /* Ì ì */
  { 0xC6, 0x1EC8, 0, 0 }, { 0xE6, 0x1EC9, 0, 0 },   /* Ỉ ỉ */
  { 0xD3, 0x0128, 0, 0 }, { 0xF3, 0x0129, 0, 0 },   /* Ĩ ĩ */
  { 0xD2, 0x1ECA, 0, 0 }, { 0xF2, 0x1ECB, 0, 0 },   /* Ị ị */
  { 0xCE, 0x1EF4, 0, 0 }, { 0xEE, 0x1EF5, 0, 0 },   /* Ỵ ỵ */
  /* tone marks */
  { 0xD9, 0, 0x0301, 0 }, { 0xF9, 0, 0x0301, 0 },   /* sắc */
  { 0xD8, 0, 0x0300, 0 }, { 0xF8, 0, 0x0300, 0 },   /* huyền */
  { 0xDB, 0, 0x0309, 0 }, { 0xFB, 0, 0x0309, 0 },   /* hỏi */
  { 0xD5, 0, 0x0303, 0 }, { 0xF5, 0, 0x0303, 0 },   /* ngã */
  { 0xCF, 0, 0x0323, 0 }, { 0xEF, 0, 0x0323, 0 },   /* nặng */
  /* circumflex, alone and with a tone */
  { 0xC2, 0, 0x0302, 0 }, { 0xE2, 0, 0x0302, 0 },
  { 0xC1, 0, 0x0302, 0x0301 }, { 0xE1, 0, 0x0302, 0x0301 },
  { 0xC0, 0, 0x0302, 0x0300 }, { 0xE0, 0, 0x0302, 0x0300 },
  { 0xC5, 0, 0x0302, 0x0309 }, { 0xE5, 0, 0x0302, 0x0309 },
  { 0xC3, 0, 0x0302, 0x0303 }, { 0xE3, 0, 0x0302, 0x0303 },
  { 0xC4, 0, 0x0302, 0x0323 }, { 0xE4, 0, 0x0302, 0x0323 },
  /* breve, alone and with a tone */
  { 0xCA, 0, 0x0306, 0 }, { 0xEA, 0, 0x0306, 0 },
  { 0xC9, 0, 0x0306, 0x0301 }, { 0xE9, 0, 0x0306, 0x0301 },
  { 0xC8, 0, 0x0306, 0x0300 }, { 0xE8, 0, 0x0306, 0x0300 },
  { 0xDA, 0, 0x0306, 0x0309 }, { 0xFA, 0, 0x0306, 0x0309 },
  { 0xDC, 0, 0x0306, 0x0303 }, { 0xFC, 0, 0x0306, 0x0303 },
  { 0xCB, 0, 0x0306, 0x0323 }, { 0xEB, 0, 0x0306, 0x0323 },
};

typedef enum
{
  KIND_UTF8,
  KIND_UTF16LE,
  KIND_UTF16BE,
  KIND_TABLE,
  KIND_VNI,
} DecoderKind;

/* A high byte of an 8-bit encoding, ready as UTF-8. */
typedef struct
{
  guint8 len;          /* bytes in utf8 */
  guint8 mark_len;     /* VNI: bytes in mark (0: not a mark byte) */
  guint8 invalid;      /* undefined in the encoding */
  char   utf8[4];      /* the letter (for a VNI mark byte: the Windows-1252 letter) */
  char   mark[4];      /* VNI: the combining marks */
} HighByte;

struct _OdsDecoder
{
  const char  *name;
  DecoderKind  kind;
  gboolean     at_start;
  guint8       head[4];       /* first bytes, to strip a byte order mark */
  guint        n_head;
  guint8       pending[4];    /* an incomplete sequence from the last block */
  guint        n_pending;
  gunichar     high_surrogate;
  gboolean     prev_vowel;    /* VNI: the last character takes a mark */
  HighByte     high[128];
};

static const char * const canonical_names[] = {
  ODS_ENCODING_UTF8,
  ODS_ENCODING_UTF8_SIG,
  ODS_ENCODING_UTF16LE,
  ODS_ENCODING_UTF16BE,
  ODS_ENCODING_WINDOWS_1258,
  ODS_ENCODING_TCVN3,
  ODS_ENCODING_VNI_WINDOWS,
  NULL
};

/* Aliases, compared after lower-casing and dropping "-", "_", " " and ".". */
static const struct
{
  const char *alias;
  const char *name;
} aliases[] = {
  { "utf8", ODS_ENCODING_UTF8 },
  { "utf8sig", ODS_ENCODING_UTF8_SIG },
  { "utf8bom", ODS_ENCODING_UTF8_SIG },
  { "utf16le", ODS_ENCODING_UTF16LE },
  { "utf16", ODS_ENCODING_UTF16LE },
  { "ucs2le", ODS_ENCODING_UTF16LE },
  { "utf16be", ODS_ENCODING_UTF16BE },
  { "ucs2be", ODS_ENCODING_UTF16BE },
  { "windows1258", ODS_ENCODING_WINDOWS_1258 },
  { "cp1258", ODS_ENCODING_WINDOWS_1258 },
  { "win1258", ODS_ENCODING_WINDOWS_1258 },
  { "1258", ODS_ENCODING_WINDOWS_1258 },
  { "tcvn3", ODS_ENCODING_TCVN3 },
  { "tcvn", ODS_ENCODING_TCVN3 },
  { "tcvn5712", ODS_ENCODING_TCVN3 },
  { "tcvn57121993", ODS_ENCODING_TCVN3 },
  { "vn3", ODS_ENCODING_TCVN3 },
  { "abc", ODS_ENCODING_TCVN3 },
  { "vniwindows", ODS_ENCODING_VNI_WINDOWS },
  { "vniwin", ODS_ENCODING_VNI_WINDOWS },
  { "vni", ODS_ENCODING_VNI_WINDOWS },
};

const char * const *
ods_encoding_list (void)
{
  return canonical_names;
}

/**
 * ods_encoding_canonical_name:
 * @name: an encoding name as a user types it ("cp1258", "UTF8", "vni"…)
 *
 * Returns: (transfer none): the canonical name, or %NULL with
 *   %ODS_TABLE_ERROR_UNKNOWN_ENCODING
 */
const char *
ods_encoding_canonical_name (const char  *name,
                             GError     **error)
{
  g_autoptr(GString) key = g_string_new (NULL);
  g_autofree char *list = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  for (const char *p = name; *p; p++)
    if (*p != '-' && *p != '_' && *p != ' ' && *p != '.')
      g_string_append_c (key, g_ascii_tolower (*p));

  for (gsize i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (strcmp (key->str, aliases[i].alias) == 0)
      return aliases[i].name;

  list = g_strjoinv (", ", (char **) canonical_names);
  g_set_error (error, ODS_TABLE_ERROR, ODS_TABLE_ERROR_UNKNOWN_ENCODING,
               /* TRANSLATORS: %s is the encoding name the user gave, then the list of names */
               _("“%s” is not an encoding this program knows. Use one of: %s, "
                 "or leave the encoding out to have it detected."),
               name, list);
  return NULL;
}

static void
set_high (HighByte *h,
          gunichar  c)
{
  h->len = g_unichar_to_utf8 (c, h->utf8);
  h->invalid = (c == 0xFFFD);
}

OdsDecoder *
ods_decoder_new (const char *canonical_name)
{
  OdsDecoder *self;
  const char *name = ods_encoding_canonical_name (canonical_name, NULL);

  g_return_val_if_fail (name != NULL, NULL);

  self = g_new0 (OdsDecoder, 1);
  self->name = name;
  self->at_start = TRUE;

  if (strcmp (name, ODS_ENCODING_UTF8) == 0 || strcmp (name, ODS_ENCODING_UTF8_SIG) == 0)
    self->kind = KIND_UTF8;
  else if (strcmp (name, ODS_ENCODING_UTF16LE) == 0)
    self->kind = KIND_UTF16LE;
  else if (strcmp (name, ODS_ENCODING_UTF16BE) == 0)
    self->kind = KIND_UTF16BE;
  else if (strcmp (name, ODS_ENCODING_WINDOWS_1258) == 0)
    {
      self->kind = KIND_TABLE;
      for (guint i = 0; i < 128; i++)
        set_high (&self->high[i], cp1258_high[i]);
    }
  else if (strcmp (name, ODS_ENCODING_TCVN3) == 0)
    {
      self->kind = KIND_TABLE;
      for (guint i = 0; i < 128; i++)
        set_high (&self->high[i], tcvn3_high[i]);
    }
  else
    {
      self->kind = KIND_VNI;
      /* Windows-1252 where VNI has nothing of its own: take it from the
       * Windows-1258 table, which only differs in letters VNI redefines. */
      for (guint i = 0; i < 128; i++)
        {
          gunichar c = cp1258_high[i];

          if (c == 0xFFFD || (c >= 0x0300 && c < 0x0370) || c == 0x0102 || c == 0x0103
              || c == 0x0110 || c == 0x0111 || c == 0x01A0 || c == 0x01A1
              || c == 0x01AF || c == 0x01B0 || c == 0x20AB)
            {
              /* The bytes where Windows-1258 differs from Windows-1252. */
              static const guint16 cp1252_diff[][2] = {
                { 0xC3, 0x00C3 }, { 0xCC, 0x00CC }, { 0xD0, 0x00D0 }, { 0xD2, 0x00D2 },
                { 0xD5, 0x00D5 }, { 0xDD, 0x00DD }, { 0xDE, 0x00DE }, { 0xE3, 0x00E3 },
                { 0xEC, 0x00EC }, { 0xF0, 0x00F0 }, { 0xF2, 0x00F2 }, { 0xF5, 0x00F5 },
                { 0xFD, 0x00FD }, { 0xFE, 0x00FE }, { 0x8A, 0x0160 }, { 0x8E, 0x017D },
                { 0x9A, 0x0161 }, { 0x9E, 0x017E },
              };
              for (gsize k = 0; k < G_N_ELEMENTS (cp1252_diff); k++)
                if (cp1252_diff[k][0] == 0x80 + i)
                  c = cp1252_diff[k][1];
            }
          set_high (&self->high[i], c);
        }
      for (gsize k = 0; k < G_N_ELEMENTS (vni_bytes); k++)
        {
          HighByte *h = &self->high[vni_bytes[k].byte - 0x80];

          if (vni_bytes[k].letter)
            set_high (h, vni_bytes[k].letter);
          else
            {
              h->mark_len = g_unichar_to_utf8 (vni_bytes[k].mark1, h->mark);
              if (vni_bytes[k].mark2)
                h->mark_len += g_unichar_to_utf8 (vni_bytes[k].mark2, h->mark + h->mark_len);
            }
        }
    }

  return self;
}

const char *
ods_decoder_get_name (OdsDecoder *self)
{
  return self->name;
}

void
ods_decoder_free (OdsDecoder *self)
{
  g_free (self);
}

static const guint8 replacement[3] = { 0xEF, 0xBF, 0xBD };

static inline void
add_error (GByteArray *out,
           gsize      *n_errors,
           gsize      *first_error)
{
  if (*n_errors == 0 && first_error != NULL)
    *first_error = out->len;
  (*n_errors)++;
  g_byte_array_append (out, replacement, 3);
}

/* The length of the well-formed UTF-8 sequence at @p (Unicode table 3-7):
 * > 0 valid, 0 when @end cuts a valid prefix, < 0 when invalid, minus the
 * length of its maximal valid prefix (at least 1). */
static inline int
utf8_sequence (const guint8 *p,
               const guint8 *end)
{
  guint8 c = p[0];
  guint8 lo = 0x80, hi = 0xBF;
  int need;

  if (c < 0x80)
    return 1;
  if (c < 0xC2)
    return -1;
  if (c < 0xE0)
    need = 1;
  else if (c < 0xF0)
    {
      need = 2;
      if (c == 0xE0)
        lo = 0xA0;
      else if (c == 0xED)
        hi = 0x9F;
    }
  else if (c < 0xF5)
    {
      need = 3;
      if (c == 0xF0)
        lo = 0x90;
      else if (c == 0xF4)
        hi = 0x8F;
    }
  else
    return -1;

  for (int i = 1; i <= need; i++)
    {
      if (p + i >= end)
        return 0;
      if (p[i] < lo || p[i] > hi)
        return -i;
      lo = 0x80;
      hi = 0xBF;
    }
  return need + 1;
}

static inline gboolean
all_ascii8 (const guint8 *p)
{
  guint64 w;

  memcpy (&w, p, 8);
  return (w & G_GUINT64_CONSTANT (0x8080808080808080)) == 0;
}

#ifdef HAVE_AVX2_UTF8
/* UTF-8 validation 32 bytes at a time, after Keiser and Lemire, "Validating
 * UTF-8 in less than one instruction per byte" (2021): three table lookups
 * on the nibbles of each byte and the byte before it flag every invalid
 * pair; a saturating subtraction checks the third and fourth bytes.
 * Returns how many bytes from @p are made of whole blocks with no error
 * (the last sequence may still be cut); the caller checks the rest. */
enum
{
  TOO_SHORT = 1 << 0,
  TOO_LONG = 1 << 1,
  OVERLONG_3 = 1 << 2,
  TOO_LARGE = 1 << 3,
  SURROGATE = 1 << 4,
  OVERLONG_2 = 1 << 5,
  TOO_LARGE_1000 = 1 << 6,
  OVERLONG_4 = 1 << 6,
  TWO_CONTS = 1 << 7,
  CARRY = TOO_SHORT | TOO_LONG | TWO_CONTS,
};

#define NIBBLE_TABLE(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15) \
  _mm256_setr_epi8 ((char) (a0), (char) (a1), (char) (a2), (char) (a3), (char) (a4), (char) (a5), \
                    (char) (a6), (char) (a7), (char) (a8), (char) (a9), (char) (a10), (char) (a11), \
                    (char) (a12), (char) (a13), (char) (a14), (char) (a15), \
                    (char) (a0), (char) (a1), (char) (a2), (char) (a3), (char) (a4), (char) (a5), \
                    (char) (a6), (char) (a7), (char) (a8), (char) (a9), (char) (a10), (char) (a11), \
                    (char) (a12), (char) (a13), (char) (a14), (char) (a15))

__attribute__ ((target ("avx2")))
static gsize
utf8_valid_blocks_avx2 (const guint8 *p,
                        gsize         len,
                        guint8       *dst,
                        OdsTextScan  *scan)
{
  const __m256i first_high = NIBBLE_TABLE (
    TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
    TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS,
    TOO_SHORT | OVERLONG_2,
    TOO_SHORT,
    TOO_SHORT | OVERLONG_3 | SURROGATE,
    TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4);
  const __m256i first_low = NIBBLE_TABLE (
    CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4,
    CARRY | OVERLONG_2,
    CARRY,
    CARRY,
    CARRY | TOO_LARGE,
    CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE,
    CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000);
  const __m256i second_high = NIBBLE_TABLE (
    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
    TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4,
    TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,
    TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
    TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT);
  const __m256i nibble = _mm256_set1_epi8 (0x0F);
  const __m256i third_min = _mm256_set1_epi8 ((char) (0xE0 - 0x80));
  const __m256i fourth_min = _mm256_set1_epi8 ((char) (0xF0 - 0x80));
  const __m256i high_bit = _mm256_set1_epi8 ((char) 0x80);
  /* Nonzero where a block's last bytes start a sequence it does not finish */
  const __m256i incomplete_max = _mm256_setr_epi8 (
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    (char) (0xF0 - 1), (char) (0xE0 - 1), (char) (0xC0 - 1));
  __m256i prev = _mm256_setzero_si256 ();
  __m256i prev_incomplete = _mm256_setzero_si256 ();
  /* With @dst: each block is copied there, and NULs and mark lead bytes
   * noted on the way (one pass instead of a copy and three memchr). */
  const __m256i mark_mask = _mm256_set1_epi8 ((char) 0xFE);
  const __m256i mark_lead = _mm256_set1_epi8 ((char) 0xCC);
  __m256i any_nul = _mm256_setzero_si256 ();
  __m256i any_mark = _mm256_setzero_si256 ();
  gsize i;

  for (i = 0; i + 32 <= len; i += 32)
    {
      __m256i in = _mm256_loadu_si256 ((const __m256i *) (p + i));
      __m256i error;

      if (dst != NULL)
        {
          _mm256_storeu_si256 ((__m256i *) (dst + i), in);
          any_nul = _mm256_or_si256 (any_nul, _mm256_cmpeq_epi8 (in, _mm256_setzero_si256 ()));
          any_mark = _mm256_or_si256 (any_mark, _mm256_cmpeq_epi8 (_mm256_and_si256 (in, mark_mask), mark_lead));
        }

      if (_mm256_movemask_epi8 (in) == 0)
        error = prev_incomplete;
      else
        {
          __m256i joined = _mm256_permute2x128_si256 (prev, in, 0x21);
          __m256i prev1 = _mm256_alignr_epi8 (in, joined, 15);
          __m256i prev2 = _mm256_alignr_epi8 (in, joined, 14);
          __m256i prev3 = _mm256_alignr_epi8 (in, joined, 13);
          __m256i special = _mm256_and_si256 (
            _mm256_and_si256 (
              _mm256_shuffle_epi8 (first_high, _mm256_and_si256 (_mm256_srli_epi16 (prev1, 4), nibble)),
              _mm256_shuffle_epi8 (first_low, _mm256_and_si256 (prev1, nibble))),
            _mm256_shuffle_epi8 (second_high, _mm256_and_si256 (_mm256_srli_epi16 (in, 4), nibble)));
          __m256i must_continue = _mm256_and_si256 (
            _mm256_or_si256 (_mm256_subs_epu8 (prev2, third_min), _mm256_subs_epu8 (prev3, fourth_min)),
            high_bit);

          error = _mm256_xor_si256 (must_continue, special);
          prev_incomplete = _mm256_subs_epu8 (in, incomplete_max);
        }
      if (!_mm256_testz_si256 (error, error))
        break;
      if (_mm256_movemask_epi8 (in) == 0)
        prev_incomplete = _mm256_setzero_si256 ();
      prev = in;
    }
  if (scan != NULL)
    {
      /* (The block with the error was copied and looked at too.) */
      scan->nul = !_mm256_testz_si256 (any_nul, any_nul);
      scan->marks = !_mm256_testz_si256 (any_mark, any_mark);
    }
  return i;
}

static gboolean
have_avx2 (void)
{
  static int cached = -1;

  if (cached < 0)
    {
      __builtin_cpu_init ();
      cached = __builtin_cpu_supports ("avx2") ? 1 : 0;
    }
  return cached;
}
#endif

/* Skips well-formed UTF-8 from @p: returns where a sequence is invalid or
 * cut by @end (or @end). ASCII goes 16 (or 8) bytes at a time; the two- and
 * three-byte letters of Vietnamese take a short path. */
static inline const guint8 *
utf8_skip_valid (const guint8 *p,
                 const guint8 *end)
{
#ifdef HAVE_AVX2_UTF8
  if (end - p >= 64 && have_avx2 ())
    {
      const guint8 *start = p;
      int k = 0;

      p += utf8_valid_blocks_avx2 (p, end - p, NULL, NULL);
      /* Step back to the start of the last sequence, which may be cut. */
      while (p > start && k < 3 && (p[-1] & 0xC0) == 0x80)
        {
          p--;
          k++;
        }
      if (p > start && p[-1] >= 0xC0)
        p--;
    }
#endif
  while (p < end)
    {
      guint8 c;

#ifdef __SSE2__
      if (p + 16 <= end)
        {
          int mask = _mm_movemask_epi8 (_mm_loadu_si128 ((const __m128i *) p));

          if (mask == 0)
            {
              p += 16;
              continue;
            }
          p += __builtin_ctz (mask);
        }
#else
      if (p + 8 <= end && all_ascii8 (p))
        {
          p += 8;
          continue;
        }
#endif
      c = *p;
      if (c < 0x80)
        {
          p++;
          continue;
        }
      if (c >= 0xC2 && c <= 0xDF)
        {
          if (p + 1 < end && (p[1] & 0xC0) == 0x80)
            {
              p += 2;
              continue;
            }
          return p;
        }
      if (c >= 0xE1 && c <= 0xEC)
        {
          if (p + 2 < end && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80)
            {
              p += 3;
              continue;
            }
          return p;
        }
      {
        int r = utf8_sequence (p, end);

        if (r <= 0)
          return p;
        p += r;
      }
    }
  return p;
}

static void
convert_utf8 (OdsDecoder   *self,
              const guint8 *in,
              gsize         len,
              gboolean      flush,
              GByteArray   *out,
              gsize        *n_errors,
              gsize        *first_error,
              OdsTextScan  *scan)
{
  const guint8 *p = in;
  const guint8 *end = in + len;
  const guint8 *run;

#ifdef HAVE_AVX2_UTF8
  /* The usual case, a large block of valid text: validated, copied and
   * looked at for NULs and marks in one pass. */
  if (scan != NULL && self->n_pending == 0 && len >= 64 && have_avx2 ())
    {
      gsize at = out->len;
      gsize k;
      int back = 0;

      g_byte_array_set_size (out, at + len);
      k = utf8_valid_blocks_avx2 (p, len, out->data + at, scan);
      /* Step back to the start of the last sequence, which may be cut:
       * the loop below takes it again (the flags may have seen it: they
       * may say more than needed, never less). */
      while (k > 0 && back < 3 && (p[k - 1] & 0xC0) == 0x80)
        {
          k--;
          back++;
        }
      if (k > 0 && p[k - 1] >= 0xC0)
        k--;
      g_byte_array_set_size (out, at + k);
      scan->from = at;
      scan->to = at + k;
      p += k;
    }
#endif

  if (self->n_pending > 0)
    {
      guint8 tmp[8];
      guint n = self->n_pending;
      gsize take = MIN (len, 4 - n);
      int r;

      memcpy (tmp, self->pending, n);
      if (take > 0)
        memcpy (tmp + n, in, take);
      r = utf8_sequence (tmp, tmp + n + take);
      if (r > 0)
        {
          g_byte_array_append (out, tmp, r);
          p += r - n;
          self->n_pending = 0;
        }
      else if (r == 0 && !flush)
        {
          if (take > 0)
            memcpy (self->pending + n, in, take);
          self->n_pending += take;
          return;
        }
      else
        {
          /* Invalid (or cut by the end of the file): the pending bytes are
           * a valid prefix, so the bad byte, if any, is in @in. */
          if (r < 0)
            p += -r - n;
          else
            p = end;
          self->n_pending = 0;
          add_error (out, n_errors, first_error);
        }
    }

  run = p;
  while (p < end)
    {
      int r;

      p = utf8_skip_valid (p, end);
      if (p >= end)
        break;
      r = utf8_sequence (p, end);
      if (r > 0)
        {
          p += r;
          continue;
        }
      g_byte_array_append (out, run, p - run);
      if (r == 0 && !flush)
        {
          self->n_pending = end - p;
          memcpy (self->pending, p, self->n_pending);
          return;
        }
      add_error (out, n_errors, first_error);
      p += (r == 0) ? (gsize) (end - p) : (gsize) -r;
      run = p;
    }
  g_byte_array_append (out, run, p - run);
}

static void
convert_utf16 (OdsDecoder   *self,
               const guint8 *in,
               gsize         len,
               gboolean      flush,
               GByteArray   *out,
               gsize        *n_errors,
               gsize        *first_error)
{
  gboolean le = (self->kind == KIND_UTF16LE);
  gsize start = out->len;
  gsize i = 0;
  guint8 *w;

  /* A code unit gives at most three bytes of UTF-8, or a replacement
   * for a lone surrogate before it (which gave nothing itself), and the
   * end may add two replacements: four per unit is plenty. */
  g_byte_array_set_size (out, start + (len / 2 + 4) * 4);
  w = out->data + start;

#define PUT_ERROR() G_STMT_START { \
    if (*n_errors == 0 && first_error != NULL) \
      *first_error = w - out->data; \
    (*n_errors)++; \
    memcpy (w, replacement, 3); \
    w += 3; \
  } G_STMT_END

  while (i < len)
    {
      guint8 b0, b1;
      gunichar u;

      if (self->n_pending == 1)
        {
          b0 = self->pending[0];
          b1 = in[i++];
          self->n_pending = 0;
        }
      else if (i + 1 < len)
        {
          b0 = in[i];
          b1 = in[i + 1];
          i += 2;
        }
      else
        {
          self->pending[0] = in[i++];
          self->n_pending = 1;
          break;
        }
      u = le ? (b0 | (b1 << 8)) : ((b0 << 8) | b1);

      if (self->high_surrogate)
        {
          if (u >= 0xDC00 && u <= 0xDFFF)
            {
              w += g_unichar_to_utf8 (0x10000 + ((self->high_surrogate - 0xD800) << 10) + (u - 0xDC00),
                                      (char *) w);
              self->high_surrogate = 0;
              continue;
            }
          PUT_ERROR ();
          self->high_surrogate = 0;
        }
      if (u < 0x80)
        *w++ = u;
      else if (u >= 0xD800 && u <= 0xDBFF)
        self->high_surrogate = u;
      else if (u >= 0xDC00 && u <= 0xDFFF)
        PUT_ERROR ();
      else
        w += g_unichar_to_utf8 (u, (char *) w);
    }

  if (flush)
    {
      if (self->high_surrogate)
        PUT_ERROR ();
      if (self->n_pending)
        PUT_ERROR ();
      self->high_surrogate = 0;
      self->n_pending = 0;
    }
#undef PUT_ERROR
  g_byte_array_set_size (out, w - out->data);
}

static inline gboolean
is_vni_vowel (guint8 b)
{
  switch (b)
    {
    case 'a': case 'e': case 'i': case 'o': case 'u': case 'y':
    case 'A': case 'E': case 'I': case 'O': case 'U': case 'Y':
    case 0xD4: case 0xF4: case 0xD6: case 0xF6:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
convert_8bit (OdsDecoder   *self,
              const guint8 *in,
              gsize         len,
              GByteArray   *out,
              gsize        *n_errors,
              gsize        *first_error)
{
  const guint8 *p = in;
  const guint8 *end = in + len;
  gboolean vni = (self->kind == KIND_VNI);
  gsize start = out->len;
  guint8 *w;

  /* At most 4 bytes of UTF-8 for one input byte (a VNI mark byte after a
   * vowel gives two combining marks). */
  g_byte_array_set_size (out, start + 4 * len);
  w = out->data + start;

  while (p < end)
    {
      const HighByte *h;
      const guint8 *run = p;

      while (p + 8 <= end && all_ascii8 (p))
        p += 8;
      while (p < end && *p < 0x80)
        p++;
      if (p > run)
        {
          memcpy (w, run, p - run);
          w += p - run;
          if (vni)
            self->prev_vowel = is_vni_vowel (p[-1]);
        }
      if (p >= end)
        break;

      h = &self->high[*p - 0x80];
      if (h->invalid)
        {
          if (*n_errors == 0 && first_error != NULL)
            *first_error = w - out->data;
          (*n_errors)++;
          memcpy (w, replacement, 3);
          w += 3;
        }
      else if (h->mark_len && self->prev_vowel)
        {
          memcpy (w, h->mark, h->mark_len);
          w += h->mark_len;
        }
      else
        {
          memcpy (w, h->utf8, h->len);
          w += h->len;
        }
      if (vni)
        self->prev_vowel = is_vni_vowel (*p);
      p++;
    }
  g_byte_array_set_size (out, w - out->data);
}

static void
convert (OdsDecoder   *self,
         const guint8 *in,
         gsize         len,
         gboolean      flush,
         GByteArray   *out,
         gsize        *n_errors,
         gsize        *first_error,
         OdsTextScan  *scan)
{
  switch (self->kind)
    {
    case KIND_UTF8:
      convert_utf8 (self, in, len, flush, out, n_errors, first_error, scan);
      break;
    case KIND_UTF16LE:
    case KIND_UTF16BE:
      convert_utf16 (self, in, len, flush, out, n_errors, first_error);
      break;
    case KIND_TABLE:
    case KIND_VNI:
    default:
      convert_8bit (self, in, len, out, n_errors, first_error);
      break;
    }
}

gsize
ods_decoder_convert (OdsDecoder   *self,
                     const guint8 *in,
                     gsize         len,
                     gboolean      flush,
                     GByteArray   *out,
                     gsize        *first_error)
{
  return ods_decoder_convert_scan (self, in, len, flush, out, first_error, NULL);
}

/**
 * ods_decoder_convert_scan:
 * @scan: (out) (optional): what was learnt of the text appended
 *
 * ods_decoder_convert(), noting on the way, where it can do so for free,
 * whether the text appended holds a NUL or a combining mark.
 */
gsize
ods_decoder_convert_scan (OdsDecoder   *self,
                          const guint8 *in,
                          gsize         len,
                          gboolean      flush,
                          GByteArray   *out,
                          gsize        *first_error,
                          OdsTextScan  *scan)
{
  gsize n_errors = 0;

  g_return_val_if_fail (self != NULL, 0);

  if (scan != NULL)
    {
      scan->from = scan->to = out->len;
      scan->nul = scan->marks = FALSE;
    }
  if (self->at_start)
    {
      gsize take = MIN (len, sizeof self->head - self->n_head);
      guint bom = 0;

      if (take > 0)
        memcpy (self->head + self->n_head, in, take);
      self->n_head += take;
      in += take;
      len -= take;
      if (self->n_head < sizeof self->head && !flush)
        return 0;

      self->at_start = FALSE;
      if (self->kind == KIND_UTF8 && self->n_head >= 3
          && memcmp (self->head, "\xEF\xBB\xBF", 3) == 0)
        bom = 3;
      else if (self->kind == KIND_UTF16LE && self->n_head >= 2
               && self->head[0] == 0xFF && self->head[1] == 0xFE)
        bom = 2;
      else if (self->kind == KIND_UTF16BE && self->n_head >= 2
               && self->head[0] == 0xFE && self->head[1] == 0xFF)
        bom = 2;
      convert (self, self->head + bom, self->n_head - bom, flush && len == 0,
               out, &n_errors, first_error, NULL);
      if (len == 0)
        return n_errors;
      if (scan != NULL)
        scan->from = scan->to = out->len;
    }

  convert (self, in, len, flush, out, &n_errors, first_error, scan);
  return n_errors;
}

/* The canonical combining class, from a table for U+0300–U+036F. */
static guint8
mark_class (gunichar c)
{
  static guint8 table[0x70];
  static gsize done = 0;

  if (c < 0x0300 || c >= 0x0370)
    return g_unichar_combining_class (c);
  if (g_once_init_enter (&done))
    {
      for (gunichar m = 0x0300; m < 0x0370; m++)
        table[m - 0x0300] = g_unichar_combining_class (m);
      g_once_init_leave (&done, 1);
    }
  return table[c - 0x0300];
}

/* Composes one starter and the combining marks after it (canonical
 * decomposition, canonical order, canonical composition). FALSE for what
 * it does not handle (no starter, Hangul, marks of class 0): the caller
 * lets GLib do those. */
static gboolean
compose_run (gunichar        base,
             const gunichar *marks,
             gsize           n_marks,
             GString        *out)
{
  gunichar buf[32];
  guint8 ccc[32];
  gunichar kept[32];
  gsize n, n_kept = 0;
  gunichar starter;
  int last_ccc = 0;

  char utf8[8 * G_N_ELEMENTS (kept)];
  gsize len;

  if (base == 0)
    return FALSE;
  if (base < 0x80)
    {
      buf[0] = base;
      n = 1;
    }
  else
    {
      if ((base >= 0x1100 && base <= 0x11FF) || (base >= 0xAC00 && base <= 0xD7A3)
          || g_unichar_combining_class (base) != 0)
        return FALSE;
      n = g_unichar_fully_decompose (base, FALSE, buf, 8);
      if (g_unichar_combining_class (buf[0]) != 0)
        return FALSE;
    }
  if (n + n_marks > G_N_ELEMENTS (buf))
    return FALSE;
  for (gsize i = 0; i < n_marks; i++)
    buf[n++] = marks[i];

  /* Canonical order: a stable insertion sort on the combining class. */
  for (gsize i = 1; i < n; i++)
    {
      ccc[i] = mark_class (buf[i]);
      /* U+0340, U+0341, U+0343 and U+0344 are never composed: NFC
       * replaces them (U+0344 by two marks); GLib does those. */
      if (ccc[i] == 0 || (buf[i] >= 0x0340 && buf[i] <= 0x0344 && buf[i] != 0x0342))
        return FALSE;
    }
  for (gsize i = 2; i < n; i++)
    for (gsize j = i; j > 1 && ccc[j - 1] > ccc[j]; j--)
      {
        gunichar tc = buf[j];
        guint8 tk = ccc[j];

        buf[j] = buf[j - 1];
        ccc[j] = ccc[j - 1];
        buf[j - 1] = tc;
        ccc[j - 1] = tk;
      }

  starter = buf[0];
  for (gsize i = 1; i < n; i++)
    {
      gunichar r;

      if ((n_kept == 0 || last_ccc < ccc[i]) && g_unichar_compose (starter, buf[i], &r))
        starter = r;
      else
        {
          kept[n_kept++] = buf[i];
          last_ccc = ccc[i];
        }
    }
  len = g_unichar_to_utf8 (starter, utf8);
  for (gsize i = 0; i < n_kept; i++)
    len += g_unichar_to_utf8 (kept[i], utf8 + len);
  g_string_append_len (out, utf8, len);
  return TRUE;
}

/* The Vietnamese tone and shape marks: 0–7, or -1 */
static inline int
vietnamese_mark_index (gunichar c)
{
  switch (c)
    {
    case 0x0300: return 0;
    case 0x0301: return 1;
    case 0x0303: return 2;
    case 0x0309: return 3;
    case 0x0323: return 4;
    case 0x0302: return 5;
    case 0x0306: return 6;
    case 0x031B: return 7;
    default: return -1;
    }
}

/* The letters the table below covers: ASCII, then â ê ô ă ơ ư (small and
 * capital, as Windows-1258 and VNI write them before a tone mark). */
static const gunichar vietnamese_bases[] = {
  0x00E2, 0x00EA, 0x00F4, 0x0103, 0x01A1, 0x01B0,
  0x00C2, 0x00CA, 0x00D4, 0x0102, 0x01A0, 0x01AF,
};
#define N_BASES (128 + G_N_ELEMENTS (vietnamese_bases))

static inline int
base_index (gunichar c)
{
  if (c < 0x80)
    return c;
  for (guint k = 0; k < G_N_ELEMENTS (vietnamese_bases); k++)
    if (vietnamese_bases[k] == c)
      return 128 + k;
  return -1;
}

/* NFC of such a letter followed by one or two Vietnamese marks, worked
 * out once: [letter][mark1 + 1][mark2 + 1 or 0] gives up to 7 bytes of
 * UTF-8, the first byte holding the length. */
typedef struct
{
  char bytes[8];
} Composed;

static const Composed *
composed_table (void)
{
  static gsize table = 0;

  if (g_once_init_enter (&table))
    {
      Composed *t = g_new0 (Composed, N_BASES * 9 * 9);
      static const gunichar marks[] = { 0x0300, 0x0301, 0x0303, 0x0309, 0x0323, 0x0302, 0x0306, 0x031B };

      for (guint k = 0; k < N_BASES; k++)
        for (int a = 0; a < 8; a++)
          for (int b = -1; b < 8; b++)
            {
              gunichar base = k < 128 ? k : vietnamese_bases[k - 128];
              gunichar pair[2] = { marks[a], b >= 0 ? marks[b] : 0 };
              g_autoptr(GString) out = g_string_new (NULL);
              Composed *c = &t[(k * 9 + a + 1) * 9 + b + 1];

              if ((k < 128 && !g_ascii_isalpha (base))
                  || !compose_run (base, pair, b >= 0 ? 2 : 1, out) || out->len > 7)
                continue;
              c->bytes[0] = out->len;
              memcpy (c->bytes + 1, out->str, out->len);
            }
      g_once_init_leave (&table, (gsize) t);
    }
  return (const Composed *) table;
}

/**
 * ods_utf8_normalize_nfc:
 * @str: valid UTF-8
 * @len: its length in bytes
 * @out_len: (out) (optional): the length of the result
 *
 * NFC for text whose combining marks are U+0300–U+036F (what decomposed
 * Vietnamese and the legacy decoders give), fast and in linear time: each
 * letter and the marks after it are composed on their own (through a
 * table for an ASCII letter and Vietnamese marks). Anything unusual goes
 * through g_utf8_normalize() in short pieces (it is quadratic on long
 * text).
 *
 * Returns: (transfer full): the NFC form of @str, NUL-terminated
 */
typedef struct
{
  char  *data;
  gsize  len;
  gsize  cap;
} OutBuf;

static inline void
out_append (OutBuf     *out,
            const char *s,
            gsize       n)
{
  if (G_UNLIKELY (out->len + n > out->cap))
    {
      out->cap = MAX (out->cap * 2, out->len + n);
      out->data = g_realloc (out->data, out->cap);
    }
  memcpy (out->data + out->len, s, n);
  out->len += n;
}

char *
ods_utf8_normalize_nfc (const char *str,
                        gsize       len,
                        gsize      *out_len)
{
  const Composed *table = composed_table ();
  OutBuf out = { g_malloc (len + 16), 0, len + 16 };
  gsize i = 0;

  while (i < len)
    {
      gsize m = i, s, j;
      gunichar base = 0;
      gunichar marks[16];
      gsize n_marks = 0;

      while (m < len && ((guint8) str[m] & 0xFE) != 0xCC)
        m++;
      if (m >= len)
        {
          out_append (&out, str + i, len - i);
          break;
        }
      /* The letter before the marks, if it is not already written */
      s = m;
      if (s > i)
        {
          s--;
          while (s > i && ((guint8) str[s] & 0xC0) == 0x80)
            s--;
          base = (guint8) str[s] < 0x80 ? (gunichar) str[s] : g_utf8_get_char (str + s);
        }
      out_append (&out, str + i, s - i);

      j = m;
      while (j + 1 < len && ((guint8) str[j] & 0xFE) == 0xCC && n_marks < G_N_ELEMENTS (marks))
        {
          marks[n_marks++] = (((guint8) str[j] & 0x1F) << 6) | ((guint8) str[j + 1] & 0x3F);
          j += 2;
        }
      i = j;

      if (base != 0 && n_marks <= 2)
        {
          int k = base_index (base);
          int a = vietnamese_mark_index (marks[0]);
          int b = n_marks == 2 ? vietnamese_mark_index (marks[1]) : -1;

          if (k >= 0 && a >= 0 && (n_marks == 1 || b >= 0))
            {
              const Composed *c = &table[(k * 9 + a + 1) * 9 + b + 1];

              if (c->bytes[0] != 0)
                {
                  out_append (&out, c->bytes + 1, c->bytes[0]);
                  continue;
                }
            }
        }
      {
        g_autoptr(GString) run = g_string_new (NULL);

        if (!compose_run (base, marks, n_marks, run))
          {
            /* GLib, on this letter and its marks only */
            g_autofree char *nfc = g_utf8_normalize (str + s, j - s, G_NORMALIZE_NFC);

            g_string_append (run, nfc != NULL ? nfc : "");
          }
        out_append (&out, run->str, run->len);
      }
    }
  out_append (&out, "", 1);
  if (out_len != NULL)
    *out_len = out.len - 1;
  return out.data;
}

/* ---- Detection ---------------------------------------------------------- */

/* A Vietnamese letter without its tone, lower case ("ấ" gives "â" and one
 * tone), or 0 when @c is no Vietnamese letter. */
static gunichar
vietnamese_letter (gunichar c,
                   int     *tones)
{
  gunichar d[8];
  gsize n;
  gunichar base, shape = 0, r;

  *tones = 0;
  c = g_unichar_tolower (c);
  if (c < 0x80)
    return g_ascii_isalpha (c) ? c : 0;
  if (c == 0x0111)
    return c;
  n = g_unichar_fully_decompose (c, FALSE, d, G_N_ELEMENTS (d));
  if (n < 2 || d[0] >= 0x80 || strchr ("aeiouy", (int) d[0]) == NULL)
    return 0;
  base = d[0];
  for (gsize i = 1; i < n; i++)
    switch (d[i])
      {
      case 0x0300: case 0x0301: case 0x0303: case 0x0309: case 0x0323:
        (*tones)++;
        break;
      case 0x0302: case 0x0306: case 0x031B:
        if (shape)
          return 0;
        shape = d[i];
        break;
      default:
        return 0;
      }
  if (*tones > 1)
    return 0;
  if ((shape == 0x0302 && strchr ("aeo", (int) base) == NULL)
      || (shape == 0x0306 && base != 'a')
      || (shape == 0x031B && base != 'o' && base != 'u'))
    return 0;
  if (shape && g_unichar_compose (base, shape, &r))
    return r;
  return base;
}

static gboolean
is_vowel (gunichar c)
{
  switch (c)
    {
    case 'a': case 'e': case 'i': case 'o': case 'u': case 'y':
    case 0x0103: case 0x00E2: case 0x00EA: case 0x00F4: case 0x01A1: case 0x01B0:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
in_list (const char * const *list,
         const char         *s)
{
  for (; *list; list++)
    if (strcmp (*list, s) == 0)
      return TRUE;
  return FALSE;
}

/* Whether @word (lower case, tones removed) is a Vietnamese syllable:
 * onset consonants, a vowel group and a final consonant from the lists. */
static gboolean
is_syllable (const gunichar *word,
             gsize           n)
{
  static const char * const onsets[] = {
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "", NULL
  };
  static const char * const nuclei[] = {
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe",
    "oi", "ôi", "ơi", "oo", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ",
    "ưu", "yê", "iêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "uya", "uyê", "uyu",
    "ươi", "ươu", "yêu", NULL
  };
  static const char * const codas[] = {
    "", "c", "ch", "m", "n", "ng", "nh", "p", "t", NULL
  };
  char utf8[64];
  gsize len = 0;

  if (n == 0 || n > 8)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    len += g_unichar_to_utf8 (word[i], utf8 + len);
  utf8[len] = '\0';

  for (const char * const *o = onsets; *o; o++)
    {
      gsize olen = strlen (*o);
      gsize i = 0, ulen = 0;
      char nucleus[32], coda[16];
      gsize nlen = 0, clen = 0;
      gboolean ok = TRUE;

      if (strncmp (utf8, *o, olen) != 0)
        continue;
      /* Skip the onset's letters. */
      while (ulen < olen)
        ulen += g_unichar_to_utf8 (word[i++], NULL);
      if (i >= n || !is_vowel (word[i]))
        continue;
      while (i < n && is_vowel (word[i]) && nlen < sizeof nucleus - 4)
        nlen += g_unichar_to_utf8 (word[i++], nucleus + nlen);
      nucleus[nlen] = '\0';
      while (i < n && clen < sizeof coda - 4)
        {
          if (is_vowel (word[i]))
            ok = FALSE;
          clen += g_unichar_to_utf8 (word[i++], coda + clen);
        }
      coda[clen] = '\0';
      if (ok && i == n && in_list (nuclei, nucleus) && in_list (codas, coda))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_usual_symbol (gunichar c)
{
  switch (c)
    {
    case 0x00A0: case 0x00B0: case 0x2013: case 0x2014: case 0x2018: case 0x2019:
    case 0x201C: case 0x201D: case 0x2022: case 0x2026: case 0x20AB: case 0x20AC:
    case 0x00AB: case 0x00BB:
      return TRUE;
    default:
      return FALSE;
    }
}

/* How much @text (UTF-8, NFC) looks like Vietnamese: +1 for each word with
 * non-ASCII letters that is a Vietnamese syllable, -1 for each that is not
 * and for each odd symbol. */
static gssize
vietnamese_score (const char *text)
{
  gssize score = 0;
  gunichar word[16];
  gsize n = 0;
  int tones = 0;
  gboolean non_ascii = FALSE, bad = FALSE;

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int t;

      if (c != 0 && (g_unichar_isalpha (c) || g_unichar_ismark (c)))
        {
          gunichar l = vietnamese_letter (c, &t);

          if (l == 0)
            bad = TRUE;
          tones += t;
          if (c >= 0x80)
            non_ascii = TRUE;
          if (n < G_N_ELEMENTS (word))
            word[n] = l;
          n++;
          continue;
        }

      if (n > 0 && non_ascii)
        {
          if (!bad && tones <= 1 && n <= G_N_ELEMENTS (word) && is_syllable (word, n))
            score++;
          else
            score--;
        }
      n = 0;
      tones = 0;
      non_ascii = bad = FALSE;

      if (c == 0)
        break;
      if (c == 0xFFFD)
        score -= 2;
      else if (c >= 0x80 && !g_unichar_isalnum (c) && !g_unichar_isspace (c) && !is_usual_symbol (c))
        score--;
    }
  return score;
}

/* Counts for UTF-8: valid multi-byte sequences and invalid ones. A cut
 * sequence at the very end of the sample counts as neither. */
static void
utf8_counts (const guint8 *sample,
             gsize         len,
             gsize        *n_multi,
             gsize        *n_invalid)
{
  const guint8 *p = sample, *end = sample + len;

  *n_multi = *n_invalid = 0;
  while (p < end)
    {
      int r;

      if (*p < 0x80)
        {
          p++;
          continue;
        }
      r = utf8_sequence (p, end);
      if (r == 0)
        break;
      if (r > 0)
        {
          (*n_multi)++;
          p += r;
        }
      else
        {
          (*n_invalid)++;
          p += -r;
        }
    }
}

/**
 * ods_encoding_detect:
 * @sample: the first bytes of the file (ODS_ENCODING_SAMPLE_SIZE is plenty)
 * @len: bytes in @sample
 *
 * Byte order marks first; then UTF-8 when the sample is UTF-8 (a few
 * broken bytes in otherwise UTF-8 text still count as UTF-8, so they are
 * reported as errors instead of turning the whole file into nonsense);
 * otherwise the legacy encoding whose decoding reads most like Vietnamese,
 * with Windows-1258 when nothing does.
 *
 * Returns: (transfer none): a canonical encoding name
 */
const char *
ods_encoding_detect (const guint8 *sample,
                     gsize         len)
{
  static const char * const legacy[] = {
    ODS_ENCODING_WINDOWS_1258, ODS_ENCODING_TCVN3, ODS_ENCODING_VNI_WINDOWS,
  };
  const char *best = ODS_ENCODING_WINDOWS_1258;
  gssize best_score = 0;
  gsize n_multi, n_invalid;

  len = MIN (len, ODS_ENCODING_SAMPLE_SIZE);
  if (len >= 3 && memcmp (sample, "\xEF\xBB\xBF", 3) == 0)
    return ODS_ENCODING_UTF8_SIG;
  if (len >= 2 && sample[0] == 0xFF && sample[1] == 0xFE)
    return ODS_ENCODING_UTF16LE;
  if (len >= 2 && sample[0] == 0xFE && sample[1] == 0xFF)
    return ODS_ENCODING_UTF16BE;

  utf8_counts (sample, len, &n_multi, &n_invalid);
  if (n_invalid == 0 || n_invalid * 2 <= n_multi)
    return ODS_ENCODING_UTF8;

  for (gsize i = 0; i < G_N_ELEMENTS (legacy); i++)
    {
      g_autoptr(OdsDecoder) decoder = ods_decoder_new (legacy[i]);
      g_autoptr(GByteArray) out = g_byte_array_sized_new (len * 2 + 1);
      g_autofree char *nfc = NULL;
      gssize score;

      ods_decoder_convert (decoder, sample, len, TRUE, out, NULL);
      g_byte_array_append (out, (const guint8 *) "", 1);
      nfc = ods_utf8_normalize_nfc ((const char *) out->data, strlen ((const char *) out->data), NULL);
      score = nfc ? vietnamese_score (nfc) : G_MINSSIZE;
      g_debug ("encoding %s scores %" G_GSSIZE_FORMAT, legacy[i], score);
      if (score > best_score)
        {
          best = legacy[i];
          best_score = score;
        }
    }
  return best;
}
