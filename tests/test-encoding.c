#include "ods-encoding.h"
#include "ods-i18n.h"
#include "ods-table-error.h"

#include <locale.h>
#include <string.h>

/* Real Vietnamese: every vowel with every tone appears somewhere. */
static const char *paragraph =
  "Sở tài chính tỉnh Quảng Ngãi báo cáo số liệu quý ba năm hai nghìn hai mươi lăm. "
  "Người dân được hưởng lợi từ những chương trình đầu tư công khai và minh bạch; "
  "ủy ban nhân dân phường Đống Đa, thành phố Hà Nội. Ăn quả nhớ kẻ trồng cây. "
  "Đường đi khó không khó vì ngăn sông cách núi mà khó vì lòng người ngại núi e sông. "
  "Ý kiến, kỹ thuật, tiếng Việt, huyện Thạch Thất, khuyến khích, quyết định, chuyển đổi, "
  "giữ gìn, ngoằn ngoèo, ẩm ướt, ẵm con, mặc dù, nghỉ ngơi, vẫn còn, thẳng thắn, "
  "Ơn nghĩa, Ưu tiên, Âu lo, Êm đềm, bảo hiểm y tế, lũy kế, sửa chữa, mỹ phẩm, "
  "tỷ lệ, thủy lợi, khuỷu tay, mùa lũ, bỗng dưng, chỗ ở, ổn định, quỹ đất, lặng lẽ.";

/* ---- Encoders written for the test, from the code charts ---- */

static const char vowels[][3] = { "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y" };

/* Index of @c's vowel (tones stripped) and its tone (0 none, 1 huyền,
 * 2 hỏi, 3 ngã, 4 sắc, 5 nặng); FALSE for other characters. */
static gboolean
split_letter (gunichar  c,
              guint    *vowel,
              guint    *tone,
              gboolean *upper)
{
  static const gunichar tones[] = { 0, 0x0300, 0x0309, 0x0303, 0x0301, 0x0323 };
  gunichar lower = g_unichar_tolower (c);

  *upper = (lower != c);
  for (guint v = 0; v < G_N_ELEMENTS (vowels); v++)
    for (guint t = 0; t < G_N_ELEMENTS (tones); t++)
      {
        gunichar pair[2] = { g_utf8_get_char (vowels[v]), tones[t] };
        g_autofree char *utf8 = g_ucs4_to_utf8 (pair, t > 0 ? 2 : 1, NULL, NULL, NULL);
        g_autofree char *nfc = g_utf8_normalize (utf8, -1, G_NORMALIZE_NFC);

        if (g_utf8_get_char (nfc) == lower)
          {
            *vowel = v;
            *tone = t;
            return TRUE;
          }
      }
  return FALSE;
}

/* TCVN3 (VN3): small letters only, plus Ă Â Ê Ô Ơ Ư Đ. */
static GByteArray *
encode_tcvn3 (const char *text)
{
  static const guint8 table[12][6] = {
    { 'a', 0xB5, 0xB6, 0xB7, 0xB8, 0xB9 },   /* a */
    { 0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6 },  /* ă */
    { 0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB },  /* â */
    { 'e', 0xCC, 0xCE, 0xCF, 0xD0, 0xD1 },   /* e */
    { 0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6 },  /* ê */
    { 'i', 0xD7, 0xD8, 0xDC, 0xDD, 0xDE },   /* i */
    { 'o', 0xDF, 0xE1, 0xE2, 0xE3, 0xE4 },   /* o */
    { 0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9 },  /* ô */
    { 0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE },  /* ơ */
    { 'u', 0xEF, 0xF1, 0xF2, 0xF3, 0xF4 },   /* u */
    { 0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9 },  /* ư */
    { 'y', 0xFA, 0xFB, 0xFC, 0xFD, 0xFE },   /* y */
  };
  static const guint8 capitals[12] = { 'A', 0xA1, 0xA2, 'E', 0xA3, 'I', 'O', 0xA4, 0xA5, 'U', 0xA6, 'Y' };
  GByteArray *out = g_byte_array_new ();

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint v, t;
      gboolean upper;
      guint8 b;

      if (c < 0x80)
        b = c;
      else if (c == 0x0111)
        b = 0xAE;
      else if (c == 0x0110)
        b = 0xA7;
      else
        {
          if (!split_letter (c, &v, &t, &upper))
            g_error ("not a letter: U+%04X", c);
          /* VN3 has no capitals with tones: .VnTimeH fonts show small letters as capitals */
          g_assert_true (!upper || t == 0);
          b = upper ? capitals[v] : table[v][t];
        }
      g_byte_array_append (out, &b, 1);
    }
  return out;
}

/* VNI-Windows: ASCII vowel + mark byte, a few letters of their own. */
static GByteArray *
encode_vni (const char *text)
{
  /* mark bytes by tone (none, huyền, hỏi, ngã, sắc, nặng), small / capital */
  static const guint8 tone[2][6] = { { 0, 0xF8, 0xFB, 0xF5, 0xF9, 0xEF }, { 0, 0xD8, 0xDB, 0xD5, 0xD9, 0xCF } };
  static const guint8 circ[2][6] = { { 0xE2, 0xE0, 0xE5, 0xE3, 0xE1, 0xE4 }, { 0xC2, 0xC0, 0xC5, 0xC3, 0xC1, 0xC4 } };
  static const guint8 breve[2][6] = { { 0xEA, 0xE8, 0xFA, 0xFC, 0xE9, 0xEB }, { 0xCA, 0xC8, 0xDA, 0xDC, 0xC9, 0xCB } };
  static const guint8 i_letters[2][6] = { { 'i', 0xEC, 0xE6, 0xF3, 0xED, 0xF2 }, { 'I', 0xCC, 0xC6, 0xD3, 0xCD, 0xD2 } };
  GByteArray *out = g_byte_array_new ();

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint v, t;
      gboolean upper;
      guint8 b[2];
      guint n = 0;

      if (c < 0x80)
        b[n++] = c;
      else if (c == 0x0111 || c == 0x0110)
        b[n++] = c == 0x0110 ? 0xD1 : 0xF1;
      else
        {
          g_assert_true (split_letter (c, &v, &t, &upper));
          switch (g_utf8_get_char (vowels[v]))
            {
            case 'i':
              b[n++] = i_letters[upper][t];
              break;
            case 'y':
              if (t == 5)
                b[n++] = upper ? 0xCE : 0xEE;
              else
                {
                  b[n++] = upper ? 'Y' : 'y';
                  b[n++] = tone[upper][t];
                }
              break;
            case 'a': case 'e': case 'o': case 'u':
              b[n++] = upper ? g_ascii_toupper (vowels[v][0]) : vowels[v][0];
              b[n++] = tone[upper][t];
              break;
            case 0x0103:  /* ă */
              b[n++] = upper ? 'A' : 'a';
              b[n++] = breve[upper][t];
              break;
            case 0x00E2: case 0x00EA: case 0x00F4:  /* â ê ô */
              {
                char base = v == 2 ? 'a' : v == 4 ? 'e' : 'o';

                b[n++] = upper ? g_ascii_toupper (base) : base;
                b[n++] = circ[upper][t];
              }
              break;
            case 0x01A1:  /* ơ */
              b[n++] = upper ? 0xD4 : 0xF4;
              b[n++] = tone[upper][t];
              break;
            case 0x01B0:  /* ư */
              b[n++] = upper ? 0xD6 : 0xF6;
              b[n++] = tone[upper][t];
              break;
            default:
              g_assert_not_reached ();
            }
          if (n == 2 && b[1] == 0)
            n = 1;
        }
      g_byte_array_append (out, b, n);
    }
  return out;
}

static char *
decode_all (const char   *encoding,
            const guint8 *data,
            gsize         len,
            gsize         chunk,
            gsize        *n_errors)
{
  g_autoptr(OdsDecoder) decoder = ods_decoder_new (encoding);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  gsize errors = 0;

  for (gsize i = 0; i < len; i += chunk)
    errors += ods_decoder_convert (decoder, data + i, MIN (chunk, len - i), FALSE, out, NULL);
  errors += ods_decoder_convert (decoder, NULL, 0, TRUE, out, NULL);
  g_byte_array_append (out, (const guint8 *) "", 1);
  if (n_errors)
    *n_errors = errors;
  return g_utf8_normalize ((const char *) out->data, -1, G_NORMALIZE_NFC);
}

static char *
lower_except_capitals (const char *text)
{
  /* TCVN3 cannot hold capitals with tones: write them small. */
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint v, t;
      gboolean upper;

      if (c >= 0x80 && split_letter (c, &v, &t, &upper) && upper && t > 0)
        c = g_unichar_tolower (c);
      g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

static void
check_round_trip (const char *encoding,
                  GByteArray *bytes,
                  const char *expected)
{
  static const gsize chunks[] = { 1, 2, 3, 5, 4096 };

  for (gsize i = 0; i < G_N_ELEMENTS (chunks); i++)
    {
      gsize errors = 0;
      g_autofree char *got = decode_all (encoding, bytes->data, bytes->len, chunks[i], &errors);

      g_assert_cmpstr (got, ==, expected);
      g_assert_cmpuint (errors, ==, 0);
    }
  g_assert_cmpstr (ods_encoding_detect (bytes->data, bytes->len), ==, encoding);
}

static void
test_tcvn3 (void)
{
  g_autofree char *text = lower_except_capitals (paragraph);
  g_autoptr(GByteArray) bytes = encode_tcvn3 (text);

  check_round_trip ("tcvn3", bytes, text);
}

static void
test_tcvn3_iconv (void)
{
  /* glibc's TCVN5712-1 agrees with our table on 0xA0–0xFF (VN3's range). */
  for (guint b = 0xA0; b <= 0xFF; b++)
    {
      guint8 byte = b;
      g_autoptr(GError) error = NULL;
      g_autofree char *ours = decode_all ("tcvn3", &byte, 1, 1, NULL);
      g_autofree char *theirs = g_convert ((const char *) &byte, 1, "UTF-8", "TCVN5712-1", NULL, NULL, &error);
      g_autofree char *theirs_nfc = NULL;

      if (theirs == NULL)
        {
          g_test_skip ("iconv has no TCVN5712-1");
          return;
        }
      theirs_nfc = g_utf8_normalize (theirs, -1, G_NORMALIZE_NFC);
      g_assert_cmpstr (ours, ==, theirs_nfc);
    }
}

static void
test_vni (void)
{
  g_autoptr(GByteArray) bytes = encode_vni (paragraph);
  g_autofree char *upper = g_utf8_strup (paragraph, -1);
  g_autoptr(GByteArray) upper_bytes = encode_vni (upper);
  g_autofree char *upper_nfc = g_utf8_normalize (upper, -1, G_NORMALIZE_NFC);

  check_round_trip ("vni-windows", bytes, paragraph);
  check_round_trip ("vni-windows", upper_bytes, upper_nfc);
}

static void
test_vni_mark_alone (void)
{
  /* A mark byte after something that is not a vowel is the Windows-1252 letter. */
  const guint8 bytes[] = { '5', 0xF9, ' ', 0xE2, 'b' };
  g_autofree char *got = decode_all ("vni-windows", bytes, sizeof bytes, 1, NULL);

  g_assert_cmpstr (got, ==, "5ù âb");
}

static void
test_cp1258 (void)
{
  g_autoptr(GError) error = NULL;
  gsize written = 0;
  g_autofree char *encoded = g_convert (paragraph, -1, "CP1258", "UTF-8", NULL, &written, &error);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();

  if (encoded == NULL)
    {
      g_test_skip ("iconv has no CP1258");
      return;
    }
  /* glibc writes letters as base + combining tone mark, as Windows does. */
  g_assert_nonnull (memchr (encoded, 0xEC, written));
  g_byte_array_append (bytes, (const guint8 *) encoded, written);
  check_round_trip ("windows-1258", bytes, paragraph);
}

static void
test_cp1258_iconv (void)
{
  for (guint b = 0x80; b <= 0xFF; b++)
    {
      guint8 byte = b;
      gsize errors = 0;
      g_autofree char *ours = decode_all ("windows-1258", &byte, 1, 1, &errors);
      g_autofree char *theirs = g_convert ((const char *) &byte, 1, "UTF-8", "CP1258", NULL, NULL, NULL);
      g_autofree char *theirs_nfc = NULL;

      if (theirs == NULL)
        {
          g_assert_cmpuint (errors, ==, 1);
          g_assert_cmpstr (ours, ==, "\xEF\xBF\xBD");
          continue;
        }
      theirs_nfc = g_utf8_normalize (theirs, -1, G_NORMALIZE_NFC);
      g_assert_cmpstr (ours, ==, theirs_nfc);
    }
}

static void
test_detect_utf8 (void)
{
  g_autofree char *nfd = g_utf8_normalize (paragraph, -1, G_NORMALIZE_NFD);
  g_autofree char *bom = g_strconcat ("\xEF\xBB\xBF", paragraph, NULL);
  g_autoptr(GString) damaged = g_string_new (paragraph);

  g_assert_cmpstr (ods_encoding_detect ((const guint8 *) paragraph, strlen (paragraph)), ==, "utf-8");
  g_assert_cmpstr (ods_encoding_detect ((const guint8 *) nfd, strlen (nfd)), ==, "utf-8");
  g_assert_cmpstr (ods_encoding_detect ((const guint8 *) bom, strlen (bom)), ==, "utf-8-sig");
  g_assert_cmpstr (ods_encoding_detect ((const guint8 *) "a,b\n1,2\n", 8), ==, "utf-8");
  /* A sample cut in the middle of a letter is still UTF-8. */
  g_assert_cmpstr (ods_encoding_detect ((const guint8 *) "Hà N\xE1\xBB", 7), ==, "utf-8");
  /* A few broken bytes do not turn Vietnamese UTF-8 into a legacy encoding. */
  g_string_insert_len (damaged, 40, "\xFF\xFE", 2);
  g_assert_cmpstr (ods_encoding_detect ((const guint8 *) damaged->str, damaged->len), ==, "utf-8");
  /* Byte order marks */
  g_assert_cmpstr (ods_encoding_detect ((const guint8 *) "\xFF\xFE" "a\0", 4), ==, "utf-16le");
  g_assert_cmpstr (ods_encoding_detect ((const guint8 *) "\xFE\xFF\0a", 4), ==, "utf-16be");
}

static void
test_utf8_stream (void)
{
  /* Split everywhere, including inside characters and 4-byte sequences. */
  const char *text = "Hà Nội 𝄞 ✓ đ";
  g_autofree char *got = decode_all ("utf-8", (const guint8 *) text, strlen (text), 1, NULL);

  g_assert_cmpstr (got, ==, text);
}

static void
test_utf8_invalid (void)
{
  static const struct
  {
    const char *in;
    const char *out;
    gsize       errors;
  } cases[] = {
    { "a\xFF" "b", "a\xEF\xBF\xBD" "b", 1 },
    { "\xC3(", "\xEF\xBF\xBD(", 1 },
    { "x\xE1\xBB", "x\xEF\xBF\xBD", 1 },                 /* cut at the end */
    { "\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 3 },   /* a surrogate */
    { "\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD", 2 },        /* overlong */
    { "\xF4\x90\x80\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 4 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    for (gsize chunk = 1; chunk <= 5; chunk += 4)
      {
        gsize errors = 0;
        g_autofree char *got = decode_all ("utf-8", (const guint8 *) cases[i].in,
                                           strlen (cases[i].in), chunk, &errors);

        g_assert_cmpstr (got, ==, cases[i].out);
        g_assert_cmpuint (errors, ==, cases[i].errors);
      }
}

/* The vector path (whole blocks) and the byte path (tiny chunks) agree, and
 * both agree with GLib on what is valid. */
static void
test_utf8_random (void)
{
  static const char *pieces[] = {
    "a", "Hà", "ộ", "𝄞", "\xC3", "\xE1\xBB", "\xF0\x9D", "\x80", "\xBF\xBF", "\xED\xA0\x80",
    "\xC0\x80", "\xE0\x80\x80", "\xF4\x90\x80\x80", "\xF8", "\xFF", ",", "\n", "abcdefghijklmnop",
  };
  GRand *rand = g_rand_new_with_seed (4180);

  for (int iter = 0; iter < 3000; iter++)
    {
      g_autoptr(GString) input = g_string_new (NULL);
      g_autofree char *whole = NULL, *bytes = NULL;
      gsize whole_errors = 0, byte_errors = 0;
      int n = g_rand_int_range (rand, 10, 120);
      gboolean damage = g_rand_int_range (rand, 0, 3) == 0;

      for (int i = 0; i < n; i++)
        {
          int k = g_rand_int_range (rand, 0, damage ? G_N_ELEMENTS (pieces) : 5);

          if (!damage && k == 4)
            k = 17;
          g_string_append (input, pieces[k]);
        }
      whole = decode_all ("utf-8", (const guint8 *) input->str, input->len, input->len + 1, &whole_errors);
      bytes = decode_all ("utf-8", (const guint8 *) input->str, input->len, 1, &byte_errors);
      g_assert_cmpstr (whole, ==, bytes);
      g_assert_cmpuint (whole_errors, ==, byte_errors);
      g_assert_cmpint (whole_errors == 0, ==, g_utf8_validate (input->str, input->len, NULL));
    }
  g_rand_free (rand);
}

static void
test_utf16_stream (void)
{
  const char *text = "Đà Nẵng 𝄞";
  glong units = 0;
  g_autofree gunichar2 *u16 = g_utf8_to_utf16 (text, -1, NULL, &units, NULL);
  g_autoptr(GByteArray) le = g_byte_array_new ();
  g_autoptr(GByteArray) be = g_byte_array_new ();
  gsize errors = 0;
  g_autofree char *bad = NULL;

  g_byte_array_append (le, (const guint8 *) "\xFF\xFE", 2);
  g_byte_array_append (be, (const guint8 *) "\xFE\xFF", 2);
  for (glong i = 0; i < units; i++)
    {
      guint8 lo = u16[i] & 0xFF, hi = u16[i] >> 8;

      g_byte_array_append (le, &lo, 1);
      g_byte_array_append (le, &hi, 1);
      g_byte_array_append (be, &hi, 1);
      g_byte_array_append (be, &lo, 1);
    }
  for (gsize chunk = 1; chunk <= 3; chunk++)
    {
      g_autofree char *a = decode_all ("utf-16le", le->data, le->len, chunk, NULL);
      g_autofree char *b = decode_all ("utf-16be", be->data, be->len, chunk, NULL);

      g_assert_cmpstr (a, ==, text);
      g_assert_cmpstr (b, ==, text);
    }
  /* A lone surrogate and an odd final byte */
  bad = decode_all ("utf-16le", (const guint8 *) "a\0\x00\xDC" "b", 5, 1, &errors);
  g_assert_cmpstr (bad, ==, "a\xEF\xBF\xBD\xEF\xBF\xBD");
  g_assert_cmpuint (errors, ==, 2);
}

/* A small table is enough to tell the legacy encodings apart. */
static void
test_detect_short (void)
{
  const char *csv = "họ và tên,địa chỉ,số tiền\nNguyễn Văn An,Hà Nội,1.234,5\nTrần Thị Bích,Đà Nẵng,7\n";
  g_autoptr(GByteArray) tcvn3 = encode_tcvn3 (csv);
  g_autoptr(GByteArray) vni = encode_vni (csv);
  gsize written = 0;
  g_autofree char *cp1258 = g_convert (csv, -1, "CP1258", "UTF-8", NULL, &written, NULL);

  g_assert_cmpstr (ods_encoding_detect (tcvn3->data, tcvn3->len), ==, "tcvn3");
  g_assert_cmpstr (ods_encoding_detect (vni->data, vni->len), ==, "vni-windows");
  if (cp1258 != NULL)
    g_assert_cmpstr (ods_encoding_detect ((const guint8 *) cp1258, written), ==, "windows-1258");
  g_assert_cmpstr (ods_encoding_detect ((const guint8 *) csv, strlen (csv)), ==, "utf-8");
}

/* Piecewise NFC gives what GLib gives on the whole text. */
static void
test_nfc (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *nfd = NULL, *ours = NULL, *glib = NULL;
  gsize len = 0;

  for (int i = 0; i < 20; i++)
    g_string_append (text, paragraph);
  /* a long run without ASCII */
  for (int i = 0; i < 1500; i++)
    g_string_append (text, "ệ");
  nfd = g_utf8_normalize (text->str, -1, G_NORMALIZE_NFD);
  ours = ods_utf8_normalize_nfc (nfd, strlen (nfd), &len);
  glib = g_utf8_normalize (text->str, -1, G_NORMALIZE_NFC);
  g_assert_cmpuint (len, ==, strlen (glib));
  g_assert_cmpstr (ours, ==, glib);
}

/* Every mark of U+0300–U+036F, alone and in pairs, after letters and at
 * the start, is what GLib's NFC makes of it: among them the marks that are
 * never composed but replaced (U+0340, U+0341, U+0343, U+0344). */
static void
test_nfc_every_mark (void)
{
  static const gunichar bases[] = { 0, 'a', 'e', 'A', 0x00EA /* ê */, 0x03B9 /* ι */, 0x0433 /* г */ };

  for (gsize b = 0; b < G_N_ELEMENTS (bases); b++)
    for (gunichar m1 = 0x0300; m1 < 0x0370; m1++)
      for (gunichar m2 = 0; m2 < 0x0370; m2 = m2 == 0 ? 0x0300 : m2 + 1)
        {
          g_autoptr(GString) text = g_string_new ("x");
          g_autofree char *ours = NULL, *glib = NULL;

          if (bases[b] != 0)
            g_string_append_unichar (text, bases[b]);
          g_string_append_unichar (text, m1);
          if (m2 != 0)
            g_string_append_unichar (text, m2);
          g_string_append (text, "y");
          /* the first character: a letter or, with no base, the "x" */
          if (bases[b] == 0)
            g_string_erase (text, 0, 1);
          ours = ods_utf8_normalize_nfc (text->str, text->len, NULL);
          glib = g_utf8_normalize (text->str, -1, G_NORMALIZE_NFC);
          if (g_strcmp0 (ours, glib) != 0)
            g_error ("NFC of U+%04X U+%04X U+%04X: ours differs from GLib's", bases[b], m1, m2);
        }
}

static void
test_names (void)
{
  static const char *cases[][2] = {
    { "utf-8", "utf-8" }, { "UTF8", "utf-8" }, { "utf_8", "utf-8" },
    { "utf-8-sig", "utf-8-sig" }, { "UTF-16LE", "utf-16le" }, { "utf16be", "utf-16be" },
    { "cp1258", "windows-1258" }, { "Windows-1258", "windows-1258" },
    { "tcvn", "tcvn3" }, { "TCVN3", "tcvn3" }, { "tcvn-5712", "tcvn3" },
    { "vni", "vni-windows" }, { "VNI Windows", "vni-windows" },
  };
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpstr (ods_encoding_canonical_name (cases[i][0], &error), ==, cases[i][1]);
      g_assert_no_error (error);
    }
  g_assert_null (ods_encoding_canonical_name ("latin1", &error));
  g_assert_error (error, ODS_TABLE_ERROR, ODS_TABLE_ERROR_UNKNOWN_ENCODING);
  for (const char * const *n = ods_encoding_list (); *n; n++)
    g_assert_nonnull (strstr (error->message, *n));
}

int
main (int argc, char **argv)
{
  ods_i18n_init ();
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/encoding/tcvn3", test_tcvn3);
  g_test_add_func ("/encoding/tcvn3-iconv", test_tcvn3_iconv);
  g_test_add_func ("/encoding/vni", test_vni);
  g_test_add_func ("/encoding/vni-mark-alone", test_vni_mark_alone);
  g_test_add_func ("/encoding/cp1258", test_cp1258);
  g_test_add_func ("/encoding/cp1258-iconv", test_cp1258_iconv);
  g_test_add_func ("/encoding/detect-utf8", test_detect_utf8);
  g_test_add_func ("/encoding/utf8-stream", test_utf8_stream);
  g_test_add_func ("/encoding/utf8-invalid", test_utf8_invalid);
  g_test_add_func ("/encoding/utf8-random", test_utf8_random);
  g_test_add_func ("/encoding/utf16-stream", test_utf16_stream);
  g_test_add_func ("/encoding/detect-short", test_detect_short);
  g_test_add_func ("/encoding/nfc", test_nfc);
  g_test_add_func ("/encoding/nfc-every-mark", test_nfc_every_mark);
  g_test_add_func ("/encoding/names", test_names);
  return g_test_run ();
}
