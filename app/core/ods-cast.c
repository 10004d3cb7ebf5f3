#define G_LOG_DOMAIN "ods-cast"

#include "ods-schema-private.h"
#include "ods-i18n.h"

#include <math.h>

/* Cell casters, one per type and format, selected at schema load.
 *
 * The hot ones (integer, number, date with the ISO or a dd/mm/yyyy-like
 * format, string, boolean) are hand-written and allocate nothing. The JSON
 * types (object, array, geojson) go through json-glib. */

static const char *const type_names[] = {
  [ODS_FIELD_STRING] = "string",
  [ODS_FIELD_INTEGER] = "integer",
  [ODS_FIELD_NUMBER] = "number",
  [ODS_FIELD_BOOLEAN] = "boolean",
  [ODS_FIELD_DATE] = "date",
  [ODS_FIELD_TIME] = "time",
  [ODS_FIELD_DATETIME] = "datetime",
  [ODS_FIELD_YEAR] = "year",
  [ODS_FIELD_YEARMONTH] = "yearmonth",
  [ODS_FIELD_DURATION] = "duration",
  [ODS_FIELD_GEOPOINT] = "geopoint",
  [ODS_FIELD_GEOJSON] = "geojson",
  [ODS_FIELD_OBJECT] = "object",
  [ODS_FIELD_ARRAY] = "array",
  [ODS_FIELD_LIST] = "list",
  [ODS_FIELD_ANY] = "any",
};

gboolean
ods_field_type_from_string (const char   *name,
                            OdsFieldType *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (type_names); i++)
    if (g_strcmp0 (type_names[i], name) == 0)
      {
        *type = (OdsFieldType) i;
        return TRUE;
      }
  return FALSE;
}

const char *
ods_field_type_to_string (OdsFieldType type)
{
  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (type_names), "any");
  return type_names[type];
}

/* ------------------------------------------------------------------ */
/* Small helpers */

static inline gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

static inline gboolean
is_space (char c)
{
  /* ' ', or one of \t \n \v \f \r (9 to 13) */
  return c == ' ' || (guchar) (c - '\t') <= '\r' - '\t';
}

static inline void
trim (const char **p,
      const char **end)
{
  while (*p < *end && is_space (**p))
    (*p)++;
  while (*end > *p && is_space ((*end)[-1]))
    (*end)--;
}

static inline gboolean
is_leap (gint64 y)
{
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static inline int
days_in_month (gint64 y,
               int    m)
{
  static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  return m == 2 && is_leap (y) ? 29 : dim[m - 1];
}

/* Days since 1970-01-01 (Howard Hinnant's days_from_civil). */
gint64
ods_days_from_civil (gint64 y,
                     int    m,
                     int    d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/* ods_days_from_civil() for years 0–9999, inlined, in unsigned 32-bit
 * arithmetic: one era (400 years) later, so nothing is negative and the
 * divisions become multiplications. */
static inline gint64
days_from_civil_4 (guint y,
                   guint m,
                   guint d)
{
  guint yy = y + 400 - (m <= 2);
  guint era = yy / 400;
  guint yoe = yy - era * 400;
  guint doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  guint doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return (gint64) era * 146097 + doe - 719468 - 146097;
}

static inline gboolean
valid_date (gint64 y,
            int    m,
            int    d)
{
  return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month (y, m);
}

static const double pow10_table[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static gboolean
ascii_case_equal (const char *p,
                  gsize       len,
                  const char *word)
{
  return strlen (word) == len && g_ascii_strncasecmp (p, word, len) == 0;
}

/* ------------------------------------------------------------------ */
/* Numbers */

/* Separators are usually one byte: compare it directly, memcmp otherwise. */
static inline gboolean
match_sep (const char *p,
           const char *end,
           const char *sep,
           guint8      sep_len)
{
  if (G_LIKELY (sep_len == 1))
    return *p == sep[0];
  return sep_len > 0 && (gsize) (end - p) >= sep_len && memcmp (p, sep, sep_len) == 0;
}

/* Strips what bareNumber=false allows around a number: leading characters
 * that cannot start a number and trailing ones that cannot end it. */
static void
strip_non_bare (const OdsSchemaField *f,
                const char          **p,
                const char          **end)
{
  while (*p < *end && !is_digit (**p) && **p != '-' && **p != '+'
         && !(f->decimal_len > 0 && **p == f->decimal_char[0]))
    (*p)++;
  while (*end > *p && !is_digit ((*end)[-1]))
    (*end)--;
}

/* Reads a run of ASCII digits into *acc (which may wrap: callers count the
 * digits and take the slow path beyond 19). */
static inline const char *
digit_run (const char *p,
           const char *end,
           guint64    *acc,
           int        *n_digits)
{
  const char *start = p;
  guint64 a = *acc;

  while (p < end)
    {
      guint d = (guint) ((guchar) *p - '0');

      if (d > 9)
        break;
      a = a * 10 + d;
      p++;
    }
  *acc = a;
  *n_digits += (int) (p - start);
  return p;
}

/* Parses a decimal number with the field's decimal and group characters.
 * Fast path: up to 19 digits and a small exponent convert exactly with one
 * multiplication or division (Clinger); anything else goes through
 * g_ascii_strtod on a normalised copy. */
static gboolean
parse_number (const OdsSchemaField *f,
              const char           *s,
              gsize                 len,
              gboolean              allow_special,
              double               *out)
{
  const char *p = s, *end = s + len, *start;
  gboolean neg = FALSE;
  guint64 mant = 0;
  int n_digits = 0, n_int, exp10 = 0, exp_part = 0;

  if (G_UNLIKELY (len == 0))
    return FALSE;
  if (G_UNLIKELY (is_space (*p) || is_space (end[-1])))
    trim (&p, &end);
  if (G_UNLIKELY (!f->bare_number))
    strip_non_bare (f, &p, &end);
  else if (*p == '0' && end - p > 1 && !match_sep (p + 1, end, f->decimal_char, f->decimal_len))
    return FALSE;  /* 007, 00: frictionless refuses leading zeros */
  if (p == end)
    return FALSE;
  start = p;
  if (*p == '-' || *p == '+')
    {
      neg = *p == '-';
      p++;
    }

  /* Integer part, with thousands groups between digits. */
  for (;;)
    {
      int before = n_digits;

      p = digit_run (p, end, &mant, &n_digits);
      if (p < end && n_digits > 0 && n_digits > before && f->group_len > 0
          && match_sep (p, end, f->group_char, f->group_len)
          && p + f->group_len < end && is_digit (p[f->group_len]))
        {
          p += f->group_len;
          continue;
        }
      break;
    }
  n_int = n_digits;

  if (p < end && match_sep (p, end, f->decimal_char, f->decimal_len))
    {
      p += f->decimal_len;
      p = digit_run (p, end, &mant, &n_digits);
      exp10 = -(n_digits - n_int);
    }

  if (n_digits == 0)
    {
      const char *w = start;

      if (!allow_special)
        return FALSE;
      if (*w == '-' || *w == '+')
        w++;
      if (ascii_case_equal (w, end - w, "nan"))
        *out = NAN;
      else if (ascii_case_equal (w, end - w, "inf") || ascii_case_equal (w, end - w, "infinity"))
        *out = neg ? -INFINITY : INFINITY;
      else
        return FALSE;
      return TRUE;
    }

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      gboolean eneg = FALSE, edig = FALSE;

      p++;
      if (p < end && (*p == '-' || *p == '+'))
        {
          eneg = *p == '-';
          p++;
        }
      while (p < end && is_digit (*p))
        {
          if (exp_part < 100000)
            exp_part = exp_part * 10 + (*p - '0');
          edig = TRUE;
          p++;
        }
      if (!edig)
        return FALSE;
      exp10 += eneg ? -exp_part : exp_part;
    }

  if (p != end)
    return FALSE;

  if (G_LIKELY (n_digits <= 19 && mant <= (G_GUINT64_CONSTANT (1) << 53) && exp10 >= -22 && exp10 <= 22))
    {
      double d = (double) mant;

      d = exp10 < 0 ? d / pow10_table[-exp10] : d * pow10_table[exp10];
      *out = neg ? -d : d;
      return TRUE;
    }
  else
    {
      /* Slow path: rebuild "-digits.digitsEexp" and let GLib round it. */
      g_autoptr(GString) buf = g_string_sized_new (end - start + 8);
      const char *q = start;

      if (*q == '-' || *q == '+')
        g_string_append_c (buf, *q++);
      while (q < end)
        {
          if (is_digit (*q))
            g_string_append_c (buf, *q++);
          else if (f->group_len > 0 && (gsize) (end - q) >= f->group_len
                   && memcmp (q, f->group_char, f->group_len) == 0)
            q += f->group_len;
          else if ((gsize) (end - q) >= f->decimal_len
                   && memcmp (q, f->decimal_char, f->decimal_len) == 0)
            {
              g_string_append_c (buf, '.');
              q += f->decimal_len;
            }
          else
            {
              g_string_append_len (buf, q, end - q);
              break;
            }
        }
      *out = g_ascii_strtod (buf->str, NULL);
      return TRUE;
    }
}

/* The short path for the common shapes: a sign, digits with one-byte
 * group characters between them, a one-byte decimal character and digits,
 * exactly representable. TRUE with *@out set only when parse_number()
 * would give the same; FALSE means "ask parse_number()", not "invalid". */
static inline gboolean
parse_plain_number (const OdsSchemaField *f,
                    const char           *s,
                    gsize                 len,
                    double               *out)
{
  const guchar *p = (const guchar *) s, *end = p + len;
  guchar group = f->group_len == 1 ? (guchar) f->group_char[0] : 0;
  guchar dec = (guchar) f->decimal_char[0];
  gboolean neg = FALSE;
  guint64 mant = 0;
  int n_digits = 0, n_frac = 0;
  double d;

  if (!f->bare_number || f->decimal_len != 1 || f->group_len > 1 || group == dec || len == 0)
    return FALSE;
  if (*p == '-' || *p == '+')
    {
      neg = *p == '-';
      p++;
    }
  /* A leading zero (refused, or a quirk of the sign) is for the long path. */
  if (p == end || !is_digit (*p) || (*p == '0' && p + 1 < end && p[1] != dec))
    return FALSE;
  for (;;)
    {
      guint digit = (guint) (*p - '0');

      if (digit <= 9)
        {
          mant = mant * 10 + digit;
          n_digits++;
          if (++p == end)
            break;
        }
      else if (*p == group && group != 0 && p + 1 < end && is_digit (p[1]))
        {
          /* A thousands group, ".234": its three digits at once (the same
           * arithmetic as one by one). */
          if (p + 3 < end && is_digit (p[2]) && is_digit (p[3]) && (p + 4 == end || !is_digit (p[4])))
            {
              mant = mant * 1000 + (guint) (p[1] - '0') * 100 + (guint) (p[2] - '0') * 10 + (guint) (p[3] - '0');
              n_digits += 3;
              p += 4;
              if (p == end)
                break;
            }
          else
            p++;
        }
      else
        break;
    }
  if (p < end && *p == dec)
    {
      if (++p == end)
        return FALSE;
      while (p < end && is_digit (*p))
        {
          mant = mant * 10 + (guint) (*p - '0');
          n_digits++;
          n_frac++;
          p++;
        }
    }
  if (p != end || n_digits > 19 || mant > (G_GUINT64_CONSTANT (1) << 53) || n_frac > 22)
    return FALSE;
  d = (double) mant;
  d = n_frac > 0 ? d / pow10_table[n_frac] : d * pow10_table[0];
  *out = neg ? -d : d;
  return TRUE;
}

static gboolean
cast_number (const OdsSchemaField *f,
             const char           *s,
             gsize                 len,
             OdsValue             *v)
{
  return parse_plain_number (f, s, len, &v->d) || parse_number (f, s, len, TRUE, &v->d);
}

/* The general path, not inlined: inlined, its registers made
 * cast_integer() save and restore six of them on every call. */
static G_GNUC_NO_INLINE gboolean
parse_integer (const OdsSchemaField *f,
               const char           *s,
               gsize                 len,
               OdsValue             *v)
{
  const char *p = s, *end = s + len, *digits;
  gboolean neg = FALSE;
  guint64 acc = 0;
  int n_digits = 0;

  if (G_UNLIKELY (len == 0))
    return FALSE;
  if (G_UNLIKELY (is_space (*p) || is_space (end[-1])))
    trim (&p, &end);
  if (G_UNLIKELY (!f->bare_number))
    strip_non_bare (f, &p, &end);
  else if (*p == '0' && end - p > 1)
    return FALSE;  /* 007, 00: frictionless refuses leading zeros */
  if (p == end)
    return FALSE;
  if (*p == '-' || *p == '+')
    {
      neg = *p == '-';
      p++;
    }
  digits = p;
  for (;;)
    {
      int before = n_digits;

      p = digit_run (p, end, &acc, &n_digits);
      if (p == end)
        break;
      if (n_digits > before && f->group_len > 0 && match_sep (p, end, f->group_char, f->group_len)
          && p + f->group_len < end && is_digit (p[f->group_len]))
        {
          p += f->group_len;
          continue;
        }
      return FALSE;
    }
  if (n_digits == 0)
    return FALSE;

  if (G_UNLIKELY (n_digits > 18))
    {
      /* Maybe beyond 64 bits: count again, carefully. */
      guint64 exact = 0;
      double dacc = 0;
      gboolean overflow = FALSE;

      for (const char *q = digits; q < end; q++)
        {
          guint d;

          if (!is_digit (*q))
            continue;
          d = (guint) (*q - '0');
          if (!overflow && (exact > G_GUINT64_CONSTANT (1844674407370955161)
                            || (exact == G_GUINT64_CONSTANT (1844674407370955161) && d > 5)))
            {
              overflow = TRUE;
              dacc = (double) exact;
            }
          if (overflow)
            dacc = dacc * 10 + d;
          else
            exact = exact * 10 + d;
        }
      if (overflow || (neg ? exact > (guint64) G_MAXINT64 + 1 : exact > (guint64) G_MAXINT64))
        {
          v->is_double = TRUE;
          v->d = overflow ? dacc : (double) exact;
          if (neg)
            v->d = -v->d;
          return TRUE;
        }
      acc = exact;
    }
  v->is_double = FALSE;
  v->i = neg ? (gint64) (0 - acc) : (gint64) acc;
  return TRUE;
}

/* As parse_plain_number(), for integers of up to 18 digits. */
static inline gboolean
parse_plain_integer (const OdsSchemaField *f,
                     const char           *s,
                     gsize                 len,
                     OdsValue             *v)
{
  const guchar *p = (const guchar *) s, *end = p + len;
  guchar group = f->group_len == 1 ? (guchar) f->group_char[0] : 0;
  gboolean neg = FALSE;
  guint64 acc = 0;
  int n_digits = 0;

  if (!f->bare_number || f->group_len > 1 || len == 0)
    return FALSE;
  if (*p == '-' || *p == '+')
    {
      neg = *p == '-';
      p++;
    }
  if (p == end || !is_digit (*p) || (*p == '0' && p + 1 < end))
    return FALSE;
  for (;;)
    {
      guint digit = (guint) (*p - '0');

      if (digit <= 9)
        {
          acc = acc * 10 + digit;
          n_digits++;
          if (++p == end)
            break;
        }
      else if (*p == group && group != 0 && p + 1 < end && is_digit (p[1]))
        p++;
      else
        return FALSE;
    }
  if (n_digits > 18)
    return FALSE;
  v->is_double = FALSE;
  v->i = neg ? (gint64) (0 - acc) : (gint64) acc;
  return TRUE;
}

static gboolean
cast_integer (const OdsSchemaField *f,
              const char           *s,
              gsize                 len,
              OdsValue             *v)
{
  return parse_plain_integer (f, s, len, v) || parse_integer (f, s, len, v);
}

/* Plain digits, no sign, at most 9 of them (years, months, parts of times). */
static inline gboolean
parse_uint (const char **p,
            const char  *end,
            int          min_digits,
            int          max_digits,
            int         *out)
{
  int n = 0, acc = 0;

  while (*p < end && n < max_digits && is_digit (**p))
    {
      acc = acc * 10 + (**p - '0');
      (*p)++;
      n++;
    }
  *out = acc;
  return n >= min_digits;
}

/* ------------------------------------------------------------------ */
/* Strings */

static gboolean
cast_string (const OdsSchemaField *f,
             const char           *s,
             gsize                 len,
             OdsValue             *v)
{
  return TRUE;
}

static gboolean
cast_any (const OdsSchemaField *f,
          const char           *s,
          gsize                 len,
          OdsValue             *v)
{
  return TRUE;
}

/* One lookup per byte: what may not be in an address's local part, what
 * may be in a domain label (letters, digits, hyphens, and any non-ASCII
 * byte for internationalized names). */
enum
{
  EMAIL_NOT_LOCAL = 1 << 0,
  EMAIL_DNS = 1 << 1,
};

static const guint8 email_class[256] = {
  [' '] = EMAIL_NOT_LOCAL, ['\t'] = EMAIL_NOT_LOCAL, ['\n'] = EMAIL_NOT_LOCAL,
  ['\r'] = EMAIL_NOT_LOCAL, ['\f'] = EMAIL_NOT_LOCAL, ['\v'] = EMAIL_NOT_LOCAL,
  [','] = EMAIL_NOT_LOCAL, [';'] = EMAIL_NOT_LOCAL, ['<'] = EMAIL_NOT_LOCAL,
  ['>'] = EMAIL_NOT_LOCAL, ['"'] = EMAIL_NOT_LOCAL,
  ['-'] = EMAIL_DNS,
  ['0' ... '9'] = EMAIL_DNS, ['A' ... 'Z'] = EMAIL_DNS, ['a' ... 'z'] = EMAIL_DNS,
  [0x80 ... 0xff] = EMAIL_DNS,
};

static gboolean
cast_email (const OdsSchemaField *f,
            const char           *s,
            gsize                 len,
            OdsValue             *v)
{
  const guchar *p = (const guchar *) s, *end = p + len, *at;
  gboolean label = FALSE, dot = FALSE;

  /* The local part: up to the first @, none of the characters above. */
  while (p < end && *p != '@')
    {
      if (email_class[*p] & EMAIL_NOT_LOCAL)
        return FALSE;
      p++;
    }
  at = p;
  if (at == end || at == (const guchar *) s || s[0] == '.' || at[-1] == '.')
    return FALSE;
  /* Domain: labels of letters, digits and hyphens separated by dots (so
   * no second @ either). */
  for (p = at + 1; p < end; p++)
    {
      if (*p == '.')
        {
          if (!label)
            return FALSE;
          label = FALSE;
          dot = TRUE;
        }
      else if (email_class[*p] & EMAIL_DNS)
        label = TRUE;
      else
        return FALSE;
    }
  return label && dot;
}

static gboolean
cast_uri (const OdsSchemaField *f,
          const char           *s,
          gsize                 len,
          OdsValue             *v)
{
  gsize i = 0;

  if (len == 0 || !g_ascii_isalpha (s[0]))
    return FALSE;
  while (i < len && (g_ascii_isalnum (s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.'))
    i++;
  if (i >= len || s[i] != ':' || i + 1 >= len)
    return FALSE;
  for (i++; i < len; i++)
    if (is_space (s[i]) || s[i] == '"' || s[i] == '<' || s[i] == '>' || s[i] == '\\'
        || s[i] == '^' || s[i] == '`' || s[i] == '{' || s[i] == '|' || s[i] == '}')
      return FALSE;
  return TRUE;
}

/* Like Python's uuid.UUID(): optional "urn:uuid:" and braces, hyphens
 * ignored, 32 hexadecimal digits. */
static gboolean
cast_uuid (const OdsSchemaField *f,
           const char           *s,
           gsize                 len,
           OdsValue             *v)
{
  const char *p = s, *end = s + len;
  int n = 0;

  if (len >= 9 && g_ascii_strncasecmp (p, "urn:uuid:", 9) == 0)
    p += 9;
  if (p < end && *p == '{' && end[-1] == '}')
    {
      p++;
      end--;
    }
  for (; p < end; p++)
    {
      if (*p == '-')
        continue;
      if (!g_ascii_isxdigit (*p))
        return FALSE;
      n++;
    }
  return n == 32;
}

static gboolean
cast_binary (const OdsSchemaField *f,
             const char           *s,
             gsize                 len,
             OdsValue             *v)
{
  gsize n = 0, pad = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = s[i];

      if (is_space (c))
        continue;
      if (c == '=')
        {
          pad++;
          continue;
        }
      if (pad > 0)
        return FALSE;
      if (!(g_ascii_isalnum (c) || c == '+' || c == '/' || c == '-' || c == '_'))
        return FALSE;
      n++;
    }
  if (pad > 2)
    return FALSE;
  return (n + pad) % 4 == 0 || (pad == 0 && n % 4 != 1);
}

/* Well-known text geometry (frictionless' "wkt" string format): a
 * geometry keyword, then EMPTY or balanced parentheses around numbers. */
static gboolean
cast_wkt (const OdsSchemaField *f,
          const char           *s,
          gsize                 len,
          OdsValue             *v)
{
  static const char *const kinds[] = {
    "GEOMETRYCOLLECTION", "MULTILINESTRING", "MULTIPOLYGON", "MULTIPOINT",
    "LINESTRING", "POLYGON", "POINT",
  };
  const char *p = s, *end = s + len;
  gboolean found = FALSE;
  int depth = 0;

  trim (&p, &end);
  for (guint i = 0; i < G_N_ELEMENTS (kinds) && !found; i++)
    {
      gsize n = strlen (kinds[i]);

      if ((gsize) (end - p) >= n && g_ascii_strncasecmp (p, kinds[i], n) == 0)
        {
          p += n;
          found = TRUE;
        }
    }
  if (!found)
    return FALSE;
  while (p < end && is_space (*p))
    p++;
  if ((gsize) (end - p) >= 2 && g_ascii_strncasecmp (p, "ZM", 2) == 0)
    p += 2;
  else if (p < end && (*p == 'Z' || *p == 'z' || *p == 'M' || *p == 'm'))
    p++;
  while (p < end && is_space (*p))
    p++;
  if ((gsize) (end - p) == 5 && g_ascii_strncasecmp (p, "EMPTY", 5) == 0)
    return TRUE;
  if (p >= end || *p != '(')
    return FALSE;
  for (; p < end; p++)
    {
      char c = *p;

      if (c == '(')
        depth++;
      else if (c == ')')
        {
          if (--depth < 0)
            return FALSE;
          if (depth == 0 && p + 1 != end)
            return FALSE;
        }
      else if (!(is_digit (c) || is_space (c) || c == ',' || c == '.' || c == '-' || c == '+'
                 || c == 'e' || c == 'E' || g_ascii_isalpha (c)))
        return FALSE;
    }
  return depth == 0;
}

/* ------------------------------------------------------------------ */
/* Booleans */

static inline gboolean
in_list (char *const *list,
         const gsize *lengths,
         const char  *s,
         gsize        len)
{
  for (guint k = 0; list[k] != NULL; k++)
    if (lengths[k] == len && (len == 0 || list[k][0] == s[0]) && memcmp (list[k], s, len) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
cast_boolean (const OdsSchemaField *f,
              const char           *s,
              gsize                 len,
              OdsValue             *v)
{
  if (in_list (f->true_values, f->true_lengths, s, len))
    v->i = 1;
  else if (in_list (f->false_values, f->false_lengths, s, len))
    v->i = 0;
  else
    return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Dates and times */

typedef enum
{
  TOK_LITERAL,
  TOK_SPACE,
  TOK_DAY,        /* %d */
  TOK_MONTH,      /* %m */
  TOK_YEAR,       /* %Y */
  TOK_YEAR2,      /* %y */
  TOK_HOUR,       /* %H */
  TOK_HOUR12,     /* %I */
  TOK_MINUTE,     /* %M */
  TOK_SECOND,     /* %S */
  TOK_FRACTION,   /* %f */
  TOK_AMPM,       /* %p */
  TOK_MONTH_ABBR, /* %b */
  TOK_MONTH_NAME, /* %B */
  TOK_WDAY_ABBR,  /* %a */
  TOK_WDAY_NAME,  /* %A */
  TOK_YDAY,       /* %j */
  TOK_TZ,         /* %z */
  TOK_TZNAME,     /* %Z */
} TokKind;

typedef struct
{
  TokKind kind;
  char    lit[8];
  guint8  lit_len;
} Tok;

struct _OdsDateFormat
{
  Tok      tok[48];
  guint    n_tok;
  /* "%d<c>%m<c>%Y": the common dd/mm/yyyy shape gets its own loop */
  gboolean dmy;
  char     dmy_sep;
};

typedef struct
{
  int      year, month, day, hour, minute, second, usec, yday;
  int      pm;          /* -1 none, 0 AM, 1 PM */
  gboolean has_tz;
  int      tz_minutes;
} Tm;

static const char *const month_names[] = {
  "january", "february", "march", "april", "may", "june", "july",
  "august", "september", "october", "november", "december",
};
static const char *const wday_names[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

OdsDateFormat *
ods_date_format_new (const char *fmt)
{
  g_autofree OdsDateFormat *self = g_new0 (OdsDateFormat, 1);

  for (const char *p = fmt; *p != '\0';)
    {
      Tok *t;

      if (self->n_tok == G_N_ELEMENTS (self->tok))
        return NULL;
      t = &self->tok[self->n_tok++];
      if (*p == '%')
        {
          switch (p[1])
            {
            case 'd': t->kind = TOK_DAY; break;
            case 'm': t->kind = TOK_MONTH; break;
            case 'Y': t->kind = TOK_YEAR; break;
            case 'y': t->kind = TOK_YEAR2; break;
            case 'H': t->kind = TOK_HOUR; break;
            case 'I': t->kind = TOK_HOUR12; break;
            case 'M': t->kind = TOK_MINUTE; break;
            case 'S': t->kind = TOK_SECOND; break;
            case 'f': t->kind = TOK_FRACTION; break;
            case 'p': t->kind = TOK_AMPM; break;
            case 'b': t->kind = TOK_MONTH_ABBR; break;
            case 'B': t->kind = TOK_MONTH_NAME; break;
            case 'a': t->kind = TOK_WDAY_ABBR; break;
            case 'A': t->kind = TOK_WDAY_NAME; break;
            case 'j': t->kind = TOK_YDAY; break;
            case 'z': t->kind = TOK_TZ; break;
            case 'Z': t->kind = TOK_TZNAME; break;
            case '%':
              t->kind = TOK_LITERAL;
              t->lit[0] = '%';
              t->lit_len = 1;
              break;
            default:
              return NULL;
            }
          p += 2;
        }
      else if (is_space (*p))
        {
          t->kind = TOK_SPACE;
          while (is_space (*p))
            p++;
        }
      else
        {
          /* One UTF-8 character per literal token. */
          const char *next = g_utf8_next_char (p);

          t->kind = TOK_LITERAL;
          t->lit_len = (guint8) MIN (next - p, (gssize) sizeof t->lit);
          memcpy (t->lit, p, t->lit_len);
          p = next;
        }
    }

  if (self->n_tok == 5 && self->tok[0].kind == TOK_DAY && self->tok[2].kind == TOK_MONTH
      && self->tok[4].kind == TOK_YEAR && self->tok[1].kind == TOK_LITERAL
      && self->tok[1].lit_len == 1 && self->tok[3].kind == TOK_LITERAL
      && self->tok[3].lit_len == 1 && self->tok[1].lit[0] == self->tok[3].lit[0])
    {
      self->dmy = TRUE;
      self->dmy_sep = self->tok[1].lit[0];
    }
  return g_steal_pointer (&self);
}

void
ods_date_format_free (OdsDateFormat *format)
{
  g_free (format);
}

static gboolean
match_name (const char       **p,
            const char        *end,
            const char *const *names,
            int                n_names,
            gboolean           abbr,
            int               *index)
{
  for (int i = 0; i < n_names; i++)
    {
      gsize l = abbr ? 3 : strlen (names[i]);

      if ((gsize) (end - *p) >= l && g_ascii_strncasecmp (*p, names[i], l) == 0)
        {
          *p += l;
          *index = i;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
parse_tz (const char **p,
          const char  *end,
          Tm          *tm)
{
  int h, m = 0, sign;

  if (*p < end && (**p == 'Z' || **p == 'z'))
    {
      (*p)++;
      tm->has_tz = TRUE;
      tm->tz_minutes = 0;
      return TRUE;
    }
  if (*p >= end || (**p != '+' && **p != '-'))
    return FALSE;
  sign = **p == '-' ? -1 : 1;
  (*p)++;
  if (!parse_uint (p, end, 2, 2, &h))
    return FALSE;
  if (*p < end && **p == ':')
    (*p)++;
  if (*p < end && is_digit (**p) && !parse_uint (p, end, 2, 2, &m))
    return FALSE;
  if (h > 23 || m > 59)
    return FALSE;
  tm->has_tz = TRUE;
  tm->tz_minutes = sign * (h * 60 + m);
  return TRUE;
}

static gboolean
parse_fraction (const char **p,
                const char  *end,
                int          max_digits,
                int         *usec)
{
  int n = 0, acc = 0;

  while (*p < end && is_digit (**p))
    {
      if (n < 6)
        acc = acc * 10 + (**p - '0');
      n++;
      (*p)++;
      if (n == max_digits)
        break;
    }
  if (n == 0)
    return FALSE;
  for (int k = n; k < 6; k++)
    acc *= 10;
  *usec = acc;
  return TRUE;
}

static void
tm_init (Tm *tm)
{
  memset (tm, 0, sizeof *tm);
  tm->year = 1900;
  tm->month = 1;
  tm->day = 1;
  tm->pm = -1;
}

/* Python's strptime, for the directives data files use. */
static gboolean
strptime_parse (const OdsDateFormat *fmt,
                const char          *s,
                gsize                len,
                Tm                  *tm)
{
  const char *p = s, *end = s + len;
  int idx = 0;

  tm_init (tm);

  if (fmt->dmy)
    {
      if (!parse_uint (&p, end, 1, 2, &tm->day) || p >= end || *p++ != fmt->dmy_sep
          || !parse_uint (&p, end, 1, 2, &tm->month) || p >= end || *p++ != fmt->dmy_sep
          || !parse_uint (&p, end, 4, 4, &tm->year) || p != end)
        return FALSE;
      return valid_date (tm->year, tm->month, tm->day);
    }

  for (guint i = 0; i < fmt->n_tok; i++)
    {
      const Tok *t = &fmt->tok[i];
      gboolean ok = TRUE;

      switch (t->kind)
        {
        case TOK_LITERAL:
          if ((gsize) (end - p) < t->lit_len
              || (t->lit_len == 1 ? g_ascii_tolower (*p) != g_ascii_tolower (t->lit[0])
                                  : memcmp (p, t->lit, t->lit_len) != 0))
            return FALSE;
          p += t->lit_len;
          break;
        case TOK_SPACE:
          if (p >= end || !is_space (*p))
            return FALSE;
          while (p < end && is_space (*p))
            p++;
          break;
        case TOK_DAY: ok = parse_uint (&p, end, 1, 2, &tm->day); break;
        case TOK_MONTH: ok = parse_uint (&p, end, 1, 2, &tm->month); break;
        case TOK_YEAR: ok = parse_uint (&p, end, 4, 4, &tm->year); break;
        case TOK_YEAR2:
          ok = parse_uint (&p, end, 2, 2, &tm->year);
          tm->year += tm->year < 69 ? 2000 : 1900;
          break;
        case TOK_HOUR: ok = parse_uint (&p, end, 1, 2, &tm->hour) && tm->hour <= 23; break;
        case TOK_HOUR12:
          ok = parse_uint (&p, end, 1, 2, &tm->hour) && tm->hour >= 1 && tm->hour <= 12;
          break;
        case TOK_MINUTE: ok = parse_uint (&p, end, 1, 2, &tm->minute) && tm->minute <= 59; break;
        case TOK_SECOND: ok = parse_uint (&p, end, 1, 2, &tm->second) && tm->second <= 61; break;
        case TOK_FRACTION: ok = parse_fraction (&p, end, 6, &tm->usec); break;
        case TOK_AMPM:
          if ((gsize) (end - p) >= 2 && g_ascii_strncasecmp (p, "am", 2) == 0)
            tm->pm = 0;
          else if ((gsize) (end - p) >= 2 && g_ascii_strncasecmp (p, "pm", 2) == 0)
            tm->pm = 1;
          else
            return FALSE;
          p += 2;
          break;
        case TOK_MONTH_ABBR:
        case TOK_MONTH_NAME:
          ok = match_name (&p, end, month_names, 12, t->kind == TOK_MONTH_ABBR, &idx);
          tm->month = idx + 1;
          break;
        case TOK_WDAY_ABBR:
        case TOK_WDAY_NAME:
          ok = match_name (&p, end, wday_names, 7, t->kind == TOK_WDAY_ABBR, &idx);
          break;
        case TOK_YDAY: ok = parse_uint (&p, end, 1, 3, &tm->yday) && tm->yday >= 1 && tm->yday <= 366; break;
        case TOK_TZ: ok = parse_tz (&p, end, tm); break;
        case TOK_TZNAME:
          if ((gsize) (end - p) >= 3 && (g_ascii_strncasecmp (p, "UTC", 3) == 0 || g_ascii_strncasecmp (p, "GMT", 3) == 0))
            p += 3;
          else
            return FALSE;
          break;
        default:
          g_assert_not_reached ();
        }
      if (!ok)
        return FALSE;
    }
  if (p != end)
    return FALSE;

  if (tm->pm >= 0 && tm->hour >= 1 && tm->hour <= 12)
    tm->hour = tm->hour % 12 + (tm->pm == 1 ? 12 : 0);
  if (tm->yday > 0)
    {
      int m = 1, d = tm->yday;

      while (m <= 12 && d > days_in_month (tm->year, m))
        d -= days_in_month (tm->year, m++);
      if (m > 12)
        return FALSE;
      tm->month = m;
      tm->day = d;
    }
  return valid_date (tm->year, tm->month, tm->day);
}

/* YYYY-MM-DD */
static inline gboolean
parse_iso_date (const char **p,
                const char  *end,
                Tm          *tm)
{
  const char *s = *p;

  if (end - s < 10 || s[4] != '-' || s[7] != '-'
      || !is_digit (s[0]) || !is_digit (s[1]) || !is_digit (s[2]) || !is_digit (s[3])
      || !is_digit (s[5]) || !is_digit (s[6]) || !is_digit (s[8]) || !is_digit (s[9]))
    return FALSE;
  tm->year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  tm->month = (s[5] - '0') * 10 + (s[6] - '0');
  tm->day = (s[8] - '0') * 10 + (s[9] - '0');
  *p = s + 10;
  return valid_date (tm->year, tm->month, tm->day);
}

/* hh:mm:ss[.ffffff][Z|±hh:mm] */
static gboolean
parse_iso_time (const char **p,
                const char  *end,
                Tm          *tm)
{
  if (!parse_uint (p, end, 2, 2, &tm->hour) || *p >= end || *(*p)++ != ':'
      || !parse_uint (p, end, 2, 2, &tm->minute) || *p >= end || *(*p)++ != ':'
      || !parse_uint (p, end, 2, 2, &tm->second))
    return FALSE;
  if (tm->hour > 24 || tm->minute > 59 || tm->second > 60
      || (tm->hour == 24 && (tm->minute != 0 || tm->second != 0)))
    return FALSE;
  if (*p < end && **p == '.' && (++(*p), !parse_fraction (p, end, 0, &tm->usec)))
    return FALSE;
  if (*p < end && !parse_tz (p, end, tm))
    return FALSE;
  return TRUE;
}

static gint64
tm_time_usec (const Tm *tm)
{
  return ((gint64) tm->hour * 3600 + tm->minute * 60 + MIN (tm->second, 59)) * G_USEC_PER_SEC + tm->usec;
}

static gint64
tm_datetime_usec (const Tm *tm)
{
  gint64 t = ods_days_from_civil (tm->year, tm->month, tm->day) * G_GINT64_CONSTANT (86400000000)
             + tm_time_usec (tm);

  if (tm->has_tz)
    t -= (gint64) tm->tz_minutes * 60 * G_USEC_PER_SEC;
  return t;
}

/* The formats "any" tries, in order (day first: the files are Vietnamese). */
static const char *const any_date_formats[] = {
  "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d", "%m/%d/%Y", "%d/%m/%y",
  "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%Y%m%d",
};
static const char *const any_time_formats[] = {
  "%H:%M", "%H:%M:%S", "%I:%M %p", "%I:%M:%S %p", "%H:%M:%S.%f", "%Hh%M",
};

/* Tries each of @formats (compiled on first use into @compiled) on the
 * whole of @s. */
static gboolean
parse_any_format (const char *const *formats,
                  OdsDateFormat     **compiled,
                  guint               n_formats,
                  const char         *s,
                  gsize               len,
                  Tm                 *tm)
{
  for (guint i = 0; i < n_formats; i++)
    {
      if (g_once_init_enter (&compiled[i]))
        g_once_init_leave (&compiled[i], ods_date_format_new (formats[i]));
      if (strptime_parse (compiled[i], s, len, tm))
        return TRUE;
    }
  return FALSE;
}

static gboolean
parse_any_date (const char *s,
                gsize       len,
                Tm         *tm)
{
  static OdsDateFormat *compiled[G_N_ELEMENTS (any_date_formats)];
  const char *p = s;

  tm_init (tm);
  if (parse_iso_date (&p, s + len, tm) && p == s + len)
    return TRUE;
  return parse_any_format (any_date_formats, compiled, G_N_ELEMENTS (any_date_formats), s, len, tm);
}

static gboolean
parse_any_time (const char *s,
                gsize       len,
                Tm         *tm)
{
  static OdsDateFormat *compiled[G_N_ELEMENTS (any_time_formats)];
  const char *p = s;

  tm_init (tm);
  if (parse_iso_time (&p, s + len, tm) && p == s + len)
    return TRUE;
  return parse_any_format (any_time_formats, compiled, G_N_ELEMENTS (any_time_formats), s, len, tm);
}

/* The dd/mm/yyyy shape (any one-byte separator), day and month of one or
 * two digits as Python's %d and %m: the common case, without the general
 * strptime loop. */
static inline gboolean
parse_dmy (const char *s,
           gsize       len,
           char        sep,
           gint64     *days)
{
  const char *p = s, *end = s + len;
  int d, m, y;

  if (len < 8 || len > 10 || !is_digit (p[0]))
    return FALSE;
  d = *p++ - '0';
  if (is_digit (*p))
    d = d * 10 + (*p++ - '0');
  if (*p++ != sep || !is_digit (*p))
    return FALSE;
  m = *p++ - '0';
  if (p < end && is_digit (*p))
    m = m * 10 + (*p++ - '0');
  if (p >= end || *p++ != sep || end - p != 4
      || !is_digit (p[0]) || !is_digit (p[1]) || !is_digit (p[2]) || !is_digit (p[3]))
    return FALSE;
  y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
  if (!valid_date (y, m, d))
    return FALSE;
  *days = days_from_civil_4 ((guint) y, (guint) m, (guint) d);
  return TRUE;
}

/* Dates other than dd/mm/yyyy. Not inlined into cast_date(): its
 * registers would be saved and restored for every dd/mm/yyyy cell too. */
static G_GNUC_NO_INLINE gboolean
cast_date_general (const OdsSchemaField *f,
                   const char           *s,
                   gsize                 len,
                   OdsValue             *v)
{
  Tm tm;

  if (f->date_format != NULL)
    {
      if (!strptime_parse (f->date_format, s, len, &tm))
        return FALSE;
    }
  else if (f->date_any)
    {
      if (!parse_any_date (s, len, &tm))
        {
          /* A datetime is accepted as a date too. */
          const char *p = s;

          tm_init (&tm);
          if (!parse_iso_date (&p, s + len, &tm) || p >= s + len || (*p != 'T' && *p != ' '))
            return FALSE;
          p++;
          if (!parse_iso_time (&p, s + len, &tm) || p != s + len)
            return FALSE;
        }
    }
  else
    {
      const char *p = s;

      if (len != 10 || !parse_iso_date (&p, s + len, &tm))
        return FALSE;
    }
  v->i = ods_days_from_civil (tm.year, tm.month, tm.day);
  return TRUE;
}

static gboolean
cast_date (const OdsSchemaField *f,
           const char           *s,
           gsize                 len,
           OdsValue             *v)
{
  if (f->date_format != NULL && f->date_format->dmy)
    return parse_dmy (s, len, f->date_format->dmy_sep, &v->i);
  return cast_date_general (f, s, len, v);
}

static gboolean
cast_time (const OdsSchemaField *f,
           const char           *s,
           gsize                 len,
           OdsValue             *v)
{
  Tm tm;

  tm_init (&tm);
  if (f->date_format != NULL)
    {
      if (!strptime_parse (f->date_format, s, len, &tm))
        return FALSE;
    }
  else if (f->date_any)
    {
      if (!parse_any_time (s, len, &tm))
        return FALSE;
    }
  else
    {
      const char *p = s;

      if (!parse_iso_time (&p, s + len, &tm) || p != s + len)
        return FALSE;
    }
  v->i = tm_time_usec (&tm);
  if (tm.has_tz)
    v->i -= (gint64) tm.tz_minutes * 60 * G_USEC_PER_SEC;
  return TRUE;
}

static gboolean
cast_datetime (const OdsSchemaField *f,
               const char           *s,
               gsize                 len,
               OdsValue             *v)
{
  Tm tm;

  tm_init (&tm);
  if (f->date_format != NULL)
    {
      if (!strptime_parse (f->date_format, s, len, &tm))
        return FALSE;
    }
  else
    {
      const char *p = s, *end = s + len;

      if (!parse_iso_date (&p, end, &tm))
        {
          if (!f->date_any)
            return FALSE;
          /* "any": a date in one of the usual forms, a space, a time. */
          for (const char *sp = s; sp < end; sp++)
            if (*sp == ' ' || *sp == 'T')
              {
                Tm t2;

                if (parse_any_date (s, sp - s, &tm) && parse_any_time (sp + 1, end - sp - 1, &t2))
                  {
                    tm.hour = t2.hour;
                    tm.minute = t2.minute;
                    tm.second = t2.second;
                    tm.usec = t2.usec;
                    tm.has_tz = t2.has_tz;
                    tm.tz_minutes = t2.tz_minutes;
                    goto done;
                  }
              }
          return FALSE;
        }
      if (p == end && f->date_any)
        goto done;
      if (p >= end || (*p != 'T' && !(f->date_any && *p == ' ')))
        return FALSE;
      p++;
      if (!parse_iso_time (&p, end, &tm) || p != end)
        return FALSE;
    }
done:
  v->i = tm_datetime_usec (&tm);
  return TRUE;
}

static gboolean
cast_year (const OdsSchemaField *f,
           const char           *s,
           gsize                 len,
           OdsValue             *v)
{
  const char *p = s;
  int y;

  if (len != 4 || !parse_uint (&p, s + len, 4, 4, &y))
    return FALSE;
  v->i = y;
  return TRUE;
}

static gboolean
cast_yearmonth (const OdsSchemaField *f,
                const char           *s,
                gsize                 len,
                OdsValue             *v)
{
  const char *p = s, *end = s + len;
  int y, m;

  /* "2025-1" too: frictionless reads the month with int(). */
  if (!parse_uint (&p, end, 4, 4, &y) || p >= end || *p++ != '-'
      || !parse_uint (&p, end, 1, 2, &m) || p != end || m < 1 || m > 12)
    return FALSE;
  v->i = (gint64) y * 12 + (m - 1);
  return TRUE;
}

/* ISO 8601 duration: PnYnMnDTnHnMnS or PnW; fractions allowed. */
static gboolean
cast_duration (const OdsSchemaField *f,
               const char           *s,
               gsize                 len,
               OdsValue             *v)
{
  const char *p = s, *end = s + len;
  gboolean in_time = FALSE, any = FALSE;
  const char *order_date = "YMWD", *order_time = "HMS";
  double months = 0, usec = 0;
  int last = -1;

  if (p >= end || *p++ != 'P')
    return FALSE;
  while (p < end)
    {
      double n = 0, scale = 0.1;
      gboolean digits = FALSE;
      const char *order, *pos;

      if (*p == 'T')
        {
          if (in_time)
            return FALSE;
          in_time = TRUE;
          last = -1;
          p++;
          if (p == end)
            return FALSE;
          continue;
        }
      while (p < end && is_digit (*p))
        {
          n = n * 10 + (*p++ - '0');
          digits = TRUE;
        }
      if (p < end && (*p == '.' || *p == ','))
        for (p++; p < end && is_digit (*p); p++, scale /= 10)
          {
            n += (*p - '0') * scale;
            digits = TRUE;
          }
      if (!digits || p >= end)
        return FALSE;
      order = in_time ? order_time : order_date;
      pos = strchr (order, *p);
      if (pos == NULL || *p == '\0' || pos - order <= last)
        return FALSE;
      last = pos - order;
      switch (*p)
        {
        case 'Y': months += n * 12; break;
        case 'M': if (in_time) usec += n * 60e6; else months += n; break;
        case 'W': usec += n * 7 * 86400e6; break;
        case 'D': usec += n * 86400e6; break;
        case 'H': usec += n * 3600e6; break;
        case 'S': usec += n * 1e6; break;
        default: return FALSE;
        }
      any = TRUE;
      p++;
    }
  if (!any)
    return FALSE;
  v->i = (gint64) months;
  v->i2 = (gint64) usec;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Geographic and JSON types */

static gboolean
plain_number (const char *s,
              gsize       len,
              double     *out)
{
  static const OdsSchemaField plain = { .decimal_char = ".", .decimal_len = 1, .bare_number = TRUE };

  return parse_number (&plain, s, len, FALSE, out);
}

static gboolean
check_lon_lat (OdsValue *v)
{
  return v->d >= -180 && v->d <= 180 && v->d2 >= -90 && v->d2 <= 90;
}

static JsonNode *
parse_json (const char *s,
            gsize       len)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  if (!json_parser_load_from_data (parser, s, len, NULL))
    return NULL;
  return json_parser_steal_root (parser);
}

static gboolean
json_number (JsonNode *node,
             double   *out)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      *out = json_node_get_double (node);
      return TRUE;
    case G_TYPE_STRING:
      {
        const char *str = json_node_get_string (node);

        return plain_number (str, strlen (str), out);
      }
    default:
      return FALSE;
    }
}

static gboolean
cast_geopoint (const OdsSchemaField *f,
               const char           *s,
               gsize                 len,
               OdsValue             *v)
{
  if (f->geo_format == 0)
    {
      const char *comma = memchr (s, ',', len);

      if (comma == NULL || memchr (comma + 1, ',', s + len - comma - 1) != NULL)
        return FALSE;
      if (!plain_number (s, comma - s, &v->d)
          || !plain_number (comma + 1, s + len - comma - 1, &v->d2))
        return FALSE;
    }
  else
    {
      g_autoptr(JsonNode) root = parse_json (s, len);

      if (root == NULL)
        return FALSE;
      if (f->geo_format == 1)
        {
          JsonArray *a;

          if (!JSON_NODE_HOLDS_ARRAY (root))
            return FALSE;
          a = json_node_get_array (root);
          if (json_array_get_length (a) != 2
              || !json_number (json_array_get_element (a, 0), &v->d)
              || !json_number (json_array_get_element (a, 1), &v->d2))
            return FALSE;
        }
      else
        {
          JsonObject *o;

          if (!JSON_NODE_HOLDS_OBJECT (root))
            return FALSE;
          o = json_node_get_object (root);
          if (json_object_get_size (o) != 2
              || !json_number (json_object_get_member (o, "lon"), &v->d)
              || !json_number (json_object_get_member (o, "lat"), &v->d2))
            return FALSE;
        }
    }
  return check_lon_lat (v);
}

static gboolean
member_is (JsonObject *o,
           const char *name,
           JsonNodeType type,
           gboolean     nullable)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL)
    return FALSE;
  if (nullable && JSON_NODE_HOLDS_NULL (n))
    return TRUE;
  return json_node_get_node_type (n) == type;
}

static gboolean
geojson_valid (JsonNode *node,
               gboolean  topojson)
{
  static const char *const geometries[] = {
    "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
  };
  JsonObject *o;
  const char *type;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  o = json_node_get_object (node);
  if (!json_object_has_member (o, "type") || !JSON_NODE_HOLDS_VALUE (json_object_get_member (o, "type"))
      || json_node_get_value_type (json_object_get_member (o, "type")) != G_TYPE_STRING)
    return FALSE;
  type = json_object_get_string_member (o, "type");
  if (topojson)
    return g_str_equal (type, "Topology") && member_is (o, "objects", JSON_NODE_OBJECT, FALSE)
           && member_is (o, "arcs", JSON_NODE_ARRAY, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (geometries); i++)
    if (g_str_equal (type, geometries[i]))
      return member_is (o, "coordinates", JSON_NODE_ARRAY, FALSE);
  if (g_str_equal (type, "GeometryCollection"))
    return member_is (o, "geometries", JSON_NODE_ARRAY, FALSE);
  if (g_str_equal (type, "Feature"))
    return member_is (o, "geometry", JSON_NODE_OBJECT, TRUE)
           && (!json_object_has_member (o, "properties")
               || member_is (o, "properties", JSON_NODE_OBJECT, TRUE))
           && (!json_object_has_member (o, "geometry")
               || JSON_NODE_HOLDS_NULL (json_object_get_member (o, "geometry"))
               || geojson_valid (json_object_get_member (o, "geometry"), FALSE));
  if (g_str_equal (type, "FeatureCollection"))
    {
      JsonArray *features;

      if (!member_is (o, "features", JSON_NODE_ARRAY, FALSE))
        return FALSE;
      features = json_object_get_array_member (o, "features");
      for (guint i = 0; i < json_array_get_length (features); i++)
        if (!geojson_valid (json_array_get_element (features, i), FALSE))
          return FALSE;
      return TRUE;
    }
  return FALSE;
}

static gboolean
cast_geojson (const OdsSchemaField *f,
              const char           *s,
              gsize                 len,
              OdsValue             *v)
{
  g_autoptr(JsonNode) root = parse_json (s, len);

  return geojson_valid (root, f->topojson);
}

static gboolean
cast_object (const OdsSchemaField *f,
             const char           *s,
             gsize                 len,
             OdsValue             *v)
{
  g_autoptr(JsonNode) root = parse_json (s, len);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  v->n_items = json_object_get_size (json_node_get_object (root));
  return TRUE;
}

static gboolean
cast_array (const OdsSchemaField *f,
            const char           *s,
            gsize                 len,
            OdsValue             *v)
{
  g_autoptr(JsonNode) root = parse_json (s, len);

  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return FALSE;
  v->n_items = json_array_get_length (json_node_get_array (root));
  return TRUE;
}

static gboolean
cast_list (const OdsSchemaField *f,
           const char           *s,
           gsize                 len,
           OdsValue             *v)
{
  const char *p = s, *end = s + len;
  gsize dlen = strlen (f->list_delimiter);
  gint64 n = 0;

  for (;;)
    {
      const char *next = dlen > 0 ? g_strstr_len (p, end - p, f->list_delimiter) : NULL;
      const char *item_end = next != NULL ? next : end;
      OdsValue item = { 0 };

      if (!ods_schema_field_cast (f->item_field, p, item_end - p, &item))
        return FALSE;
      n++;
      if (next == NULL)
        break;
      p = next + dlen;
    }
  v->n_items = n;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Compiling a field */

static gboolean
set_error (GError    **error,
           const char *path,
           const char *problem)
{
  g_set_error (error, ODS_SCHEMA_ERROR, ODS_SCHEMA_ERROR_INVALID,
               _("The schema is not valid at %s: %s"), path, problem);
  return FALSE;
}

void
ods_schema_field_clear_compiled (OdsSchemaField *field)
{
  g_clear_pointer (&field->date_format, ods_date_format_free);
}

/* Picks the caster for the field's type and format; the options
 * (decimalChar, trueValues…) are already set. */
gboolean
ods_schema_field_compile (OdsSchemaField *f,
                          const char     *path,
                          GError        **error)
{
  const char *fmt = f->format != NULL ? f->format : "default";
  gboolean is_default = g_str_equal (fmt, "default");
  g_autofree char *fmt_path = g_strdup_printf ("%s.format", path);

  ods_schema_field_clear_compiled (f);
  f->date_any = FALSE;

  switch (f->type)
    {
    case ODS_FIELD_STRING:
      if (is_default)
        f->string_format = ODS_STRING_DEFAULT, f->cast = cast_string;
      else if (g_str_equal (fmt, "email"))
        f->string_format = ODS_STRING_EMAIL, f->cast = cast_email;
      else if (g_str_equal (fmt, "uri"))
        f->string_format = ODS_STRING_URI, f->cast = cast_uri;
      else if (g_str_equal (fmt, "uuid"))
        f->string_format = ODS_STRING_UUID, f->cast = cast_uuid;
      else if (g_str_equal (fmt, "binary"))
        f->string_format = ODS_STRING_BINARY, f->cast = cast_binary;
      else if (g_str_equal (fmt, "wkt"))
        f->string_format = ODS_STRING_WKT, f->cast = cast_wkt;
      else
        goto unknown_format;
      return TRUE;

    case ODS_FIELD_INTEGER:
    case ODS_FIELD_NUMBER:
      if (!is_default)
        goto unknown_format;
      if (f->decimal_len == 0)
        return set_error (error, path, _("decimalChar must not be empty."));
      if (f->type == ODS_FIELD_NUMBER && f->group_len > 0 && f->group_len == f->decimal_len
          && memcmp (f->group_char, f->decimal_char, f->group_len) == 0)
        return set_error (error, path, _("decimalChar and groupChar must be different characters."));
      f->cast = f->type == ODS_FIELD_INTEGER ? cast_integer : cast_number;
      return TRUE;

    case ODS_FIELD_BOOLEAN:
      if (!is_default)
        goto unknown_format;
      g_free (f->true_lengths);
      g_free (f->false_lengths);
      f->true_lengths = g_new0 (gsize, g_strv_length (f->true_values) + 1);
      f->false_lengths = g_new0 (gsize, g_strv_length (f->false_values) + 1);
      for (guint k = 0; f->true_values[k] != NULL; k++)
        f->true_lengths[k] = strlen (f->true_values[k]);
      for (guint k = 0; f->false_values[k] != NULL; k++)
        f->false_lengths[k] = strlen (f->false_values[k]);
      f->cast = cast_boolean;
      return TRUE;

    case ODS_FIELD_DATE:
    case ODS_FIELD_TIME:
    case ODS_FIELD_DATETIME:
      if (g_str_equal (fmt, "any"))
        f->date_any = TRUE;
      else if (!is_default)
        {
          if (strchr (fmt, '%') == NULL)
            {
              /* TRANSLATORS: %s is the format as written in the schema, e.g. dd/mm/yyyy */
              g_autofree char *msg = g_strdup_printf (_("“%s” is not a date format: write it with directives such as %%d/%%m/%%Y (day/month/year) or use “default” or “any”."), fmt);
              return set_error (error, fmt_path, msg);
            }
          f->date_format = ods_date_format_new (fmt);
          if (f->date_format == NULL)
            {
              /* TRANSLATORS: %s is the format as written in the schema */
              g_autofree char *msg = g_strdup_printf (_("“%s” uses a directive that is not supported; use %%d, %%m, %%Y, %%y, %%H, %%I, %%M, %%S, %%f, %%p, %%b, %%B, %%a, %%A, %%j, %%z, %%Z."), fmt);
              return set_error (error, fmt_path, msg);
            }
        }
      f->cast = f->type == ODS_FIELD_DATE ? cast_date
                : f->type == ODS_FIELD_TIME ? cast_time : cast_datetime;
      return TRUE;

    case ODS_FIELD_YEAR:
    case ODS_FIELD_YEARMONTH:
    case ODS_FIELD_DURATION:
      if (!is_default)
        goto unknown_format;
      f->cast = f->type == ODS_FIELD_YEAR ? cast_year
                : f->type == ODS_FIELD_YEARMONTH ? cast_yearmonth : cast_duration;
      return TRUE;

    case ODS_FIELD_GEOPOINT:
      if (is_default)
        f->geo_format = 0;
      else if (g_str_equal (fmt, "array"))
        f->geo_format = 1;
      else if (g_str_equal (fmt, "object"))
        f->geo_format = 2;
      else
        goto unknown_format;
      f->cast = cast_geopoint;
      return TRUE;

    case ODS_FIELD_GEOJSON:
      if (is_default)
        f->topojson = FALSE;
      else if (g_str_equal (fmt, "topojson"))
        f->topojson = TRUE;
      else
        goto unknown_format;
      f->cast = cast_geojson;
      return TRUE;

    case ODS_FIELD_OBJECT:
    case ODS_FIELD_ARRAY:
      if (!is_default)
        goto unknown_format;
      f->cast = f->type == ODS_FIELD_OBJECT ? cast_object : cast_array;
      return TRUE;

    case ODS_FIELD_LIST:
      if (!is_default)
        goto unknown_format;
      if (f->list_delimiter == NULL)
        f->list_delimiter = g_strdup (",");
      if (*f->list_delimiter == '\0')
        return set_error (error, path, _("The list delimiter must not be empty."));
      if (f->item_field == NULL)
        f->item_field = ods_schema_field_new_simple (ODS_FIELD_STRING, NULL, NULL, NULL);
      f->cast = cast_list;
      return TRUE;

    case ODS_FIELD_ANY:
      f->cast = cast_any;
      return TRUE;

    default:
      g_assert_not_reached ();
    }

unknown_format:
  {
    /* TRANSLATORS: first %s is a format name, second a type name (e.g. “integer”) */
    g_autofree char *msg = g_strdup_printf (_("“%s” is not a format of the type “%s”."), fmt, type_names[f->type]);
    return set_error (error, fmt_path, msg);
  }
}

static char **
strv_new (const char *first,
          ...)
{
  GStrvBuilder *b = g_strv_builder_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *s = first; s != NULL; s = va_arg (ap, const char *))
    g_strv_builder_add (b, s);
  va_end (ap);
  {
    char **v = g_strv_builder_end (b);

    g_strv_builder_unref (b);
    return v;
  }
}

/* A field with default options (used for list items and by the inferrer). */
OdsSchemaField *
ods_schema_field_new_simple (OdsFieldType type,
                             const char  *format,
                             const char  *decimal_char,
                             const char  *group_char)
{
  OdsSchemaField *f = g_new0 (OdsSchemaField, 1);
  g_autoptr(GError) error = NULL;

  f->type = type;
  f->type_name = g_strdup (type_names[type]);
  f->format = g_strdup (format != NULL ? format : "default");
  g_strlcpy (f->decimal_char, decimal_char != NULL ? decimal_char : ".", sizeof f->decimal_char);
  f->decimal_len = (guint8) strlen (f->decimal_char);
  g_strlcpy (f->group_char, group_char != NULL ? group_char : "", sizeof f->group_char);
  f->group_len = (guint8) strlen (f->group_char);
  f->bare_number = TRUE;
  f->true_values = strv_new ("true", "True", "TRUE", "1", NULL);
  f->false_values = strv_new ("false", "False", "FALSE", "0", NULL);
  {
    static const char *const empty[] = { "", NULL };

    ods_schema_field_set_missing_values (f, empty);
  }
  if (!ods_schema_field_compile (f, "field", &error))
    g_critical ("%s", error->message);
  return f;
}

void
ods_schema_field_set_missing_values (OdsSchemaField    *f,
                                     const char *const *values)
{
  guint n = g_strv_length ((char **) values);

  g_strfreev (f->missing_values);
  g_free (f->missing_lengths);
  f->missing_values = g_new0 (char *, n + 1);
  f->missing_lengths = g_new0 (gsize, n + 1);
  for (guint k = 0; k < n; k++)
    {
      char *v = g_utf8_normalize (values[k], -1, G_NORMALIZE_NFC);

      f->missing_values[k] = v != NULL ? v : g_strdup (values[k]);
      f->missing_lengths[k] = strlen (f->missing_values[k]);
    }
  f->n_missing = n;
  f->missing_empty_only = n == 1 && f->missing_lengths[0] == 0;
}

void
ods_schema_field_free (OdsSchemaField *f)
{
  if (f == NULL)
    return;
  ods_schema_field_clear_compiled (f);
  g_free (f->name);
  g_free (f->title);
  g_free (f->description);
  g_free (f->type_name);
  g_free (f->format);
  g_strfreev (f->true_values);
  g_strfreev (f->false_values);
  g_free (f->true_lengths);
  g_free (f->false_lengths);
  g_free (f->list_delimiter);
  ods_schema_field_free (f->item_field);
  g_strfreev (f->missing_values);
  g_free (f->missing_lengths);
  g_free (f->minimum_text);
  g_free (f->maximum_text);
  g_free (f->exclusive_minimum_text);
  g_free (f->exclusive_maximum_text);
  g_free (f->pattern);
  g_clear_pointer (&f->regex, g_regex_unref);
  g_clear_pointer (&f->enum_set, ods_key_set_free);
  g_strfreev (f->enum_strings);
  g_free (f->enum_lengths);
  g_free (f->enum_text);
  g_free (f);
}

/* ------------------------------------------------------------------ */
/* Comparing, keys, lengths */

static inline int
cmp_i64 (gint64 a,
         gint64 b)
{
  return a < b ? -1 : a > b ? 1 : 0;
}

static inline int
cmp_double (double a,
            double b)
{
  return a < b ? -1 : a > b ? 1 : 0;
}

int
ods_value_compare (const OdsSchemaField *f,
                   const OdsValue       *a,
                   const OdsValue       *b)
{
  switch (f->type)
    {
    case ODS_FIELD_INTEGER:
      if (a->is_double || b->is_double)
        return cmp_double (a->is_double ? a->d : (double) a->i, b->is_double ? b->d : (double) b->i);
      return cmp_i64 (a->i, b->i);
    case ODS_FIELD_NUMBER:
      return cmp_double (a->d, b->d);
    case ODS_FIELD_BOOLEAN:
    case ODS_FIELD_DATE:
    case ODS_FIELD_TIME:
    case ODS_FIELD_DATETIME:
    case ODS_FIELD_YEAR:
    case ODS_FIELD_YEARMONTH:
      return cmp_i64 (a->i, b->i);
    case ODS_FIELD_DURATION:
      return a->i != b->i ? cmp_i64 (a->i, b->i) : cmp_i64 (a->i2, b->i2);
    case ODS_FIELD_GEOPOINT:
      return a->d != b->d ? cmp_double (a->d, b->d) : cmp_double (a->d2, b->d2);
    default:
      {
        int c = memcmp (a->str, b->str, MIN (a->len, b->len));

        return c != 0 ? c : cmp_i64 ((gint64) a->len, (gint64) b->len);
      }
    }
}

/**
 * ods_value_key:
 * @scratch: room for the bytes of a value that is not text
 * @bytes: (out): where the key's bytes are: @v's text or @scratch
 *
 * The bytes that stand for @v in unique and key checks: equal values (by
 * the field's type: 1.0 and 1, 0 and -0) give equal bytes.
 *
 * Returns: their length
 */
gsize
ods_value_key (const OdsSchemaField *f,
               const OdsValue       *v,
               guint8                scratch[ODS_VALUE_KEY_MAX],
               const guint8        **bytes)
{
  double d;

  *bytes = scratch;
  switch (f->type)
    {
    case ODS_FIELD_INTEGER:
      if (v->is_double)
        {
          scratch[0] = 'D';
          memcpy (scratch + 1, &v->d, sizeof v->d);
          return 1 + sizeof v->d;
        }
      memcpy (scratch, &v->i, sizeof v->i);
      return sizeof v->i;
    case ODS_FIELD_NUMBER:
      d = v->d == 0 ? 0 : isnan (v->d) ? NAN : v->d;
      memcpy (scratch, &d, sizeof d);
      return sizeof d;
    case ODS_FIELD_BOOLEAN:
    case ODS_FIELD_DATE:
    case ODS_FIELD_TIME:
    case ODS_FIELD_DATETIME:
    case ODS_FIELD_YEAR:
    case ODS_FIELD_YEARMONTH:
      memcpy (scratch, &v->i, sizeof v->i);
      return sizeof v->i;
    case ODS_FIELD_DURATION:
      memcpy (scratch, &v->i, sizeof v->i);
      memcpy (scratch + sizeof v->i, &v->i2, sizeof v->i2);
      return sizeof v->i + sizeof v->i2;
    case ODS_FIELD_GEOPOINT:
      memcpy (scratch, &v->d, sizeof v->d);
      memcpy (scratch + sizeof v->d, &v->d2, sizeof v->d2);
      return sizeof v->d + sizeof v->d2;
    default:
      *bytes = (const guint8 *) v->str;
      return v->len;
    }
}

void
ods_value_append_key (const OdsSchemaField *f,
                      const OdsValue       *v,
                      GByteArray           *key)
{
  guint8 scratch[ODS_VALUE_KEY_MAX];
  const guint8 *bytes;
  gsize len = ods_value_key (f, v, scratch, &bytes);

  g_byte_array_append (key, bytes, len);
}

gint64
ods_value_length (const OdsSchemaField *f,
                  const OdsValue       *v)
{
  switch (f->type)
    {
    case ODS_FIELD_ARRAY:
    case ODS_FIELD_OBJECT:
    case ODS_FIELD_LIST:
      return v->n_items;
    default:
      return g_utf8_strlen (v->str, v->len);
    }
}

gboolean
ods_field_supports_constraint (OdsFieldType  type,
                               OdsConstraint c)
{
  const guint common = ODS_CONSTRAINT_REQUIRED | ODS_CONSTRAINT_UNIQUE | ODS_CONSTRAINT_ENUM;
  const guint range = ODS_CONSTRAINT_MINIMUM | ODS_CONSTRAINT_MAXIMUM
                      | ODS_CONSTRAINT_EXCLUSIVE_MINIMUM | ODS_CONSTRAINT_EXCLUSIVE_MAXIMUM;
  const guint length = ODS_CONSTRAINT_MIN_LENGTH | ODS_CONSTRAINT_MAX_LENGTH;
  guint allowed;

  switch (type)
    {
    case ODS_FIELD_STRING: allowed = common | length | ODS_CONSTRAINT_PATTERN; break;
    case ODS_FIELD_INTEGER:
    case ODS_FIELD_NUMBER:
    case ODS_FIELD_DATE:
    case ODS_FIELD_TIME:
    case ODS_FIELD_DATETIME:
    case ODS_FIELD_YEAR:
    case ODS_FIELD_YEARMONTH:
    case ODS_FIELD_DURATION: allowed = common | range; break;
    case ODS_FIELD_BOOLEAN: allowed = ODS_CONSTRAINT_REQUIRED | ODS_CONSTRAINT_ENUM; break;
    case ODS_FIELD_OBJECT:
    case ODS_FIELD_ARRAY: allowed = common | length; break;
    case ODS_FIELD_LIST: allowed = ODS_CONSTRAINT_REQUIRED | length; break;
    default: allowed = common; break;
    }
  /* frictionless accepts "unique" on every type. */
  allowed |= ODS_CONSTRAINT_UNIQUE;
  return (allowed & c) != 0;
}

/* ------------------------------------------------------------------ */
/* Human forms of formats */

char *
ods_date_format_to_human (const char *fmt)
{
  GString *out = g_string_new (NULL);

  for (const char *p = fmt; *p != '\0'; p++)
    {
      const char *h = NULL;

      if (*p != '%' || p[1] == '\0')
        {
          g_string_append_c (out, *p);
          continue;
        }
      switch (*++p)
        {
        case 'd': h = "dd"; break;
        case 'm': h = "mm"; break;
        case 'Y': h = "yyyy"; break;
        case 'y': h = "yy"; break;
        case 'H': case 'I': h = "hh"; break;
        case 'M': h = "mm"; break;
        case 'S': h = "ss"; break;
        case 'f': h = "ffffff"; break;
        case 'p': h = "AM/PM"; break;
        case 'b': h = "Jan"; break;
        case 'B': h = "January"; break;
        case 'a': h = "Mon"; break;
        case 'A': h = "Monday"; break;
        case 'j': h = "ddd"; break;
        case 'z': h = "+hhmm"; break;
        case 'Z': h = "UTC"; break;
        case '%': h = "%"; break;
        default: g_string_append_c (out, '%'); g_string_append_c (out, *p); break;
        }
      if (h != NULL)
        g_string_append (out, h);
    }
  return g_string_free (out, FALSE);
}

/* Formats 31/12/2025 13:45:30 in a strptime format. */
static char *
date_example (const char *fmt)
{
  GString *out = g_string_new (NULL);

  for (const char *p = fmt; *p != '\0'; p++)
    {
      const char *h = NULL;

      if (*p != '%' || p[1] == '\0')
        {
          g_string_append_c (out, *p);
          continue;
        }
      switch (*++p)
        {
        case 'd': h = "31"; break;
        case 'm': h = "12"; break;
        case 'Y': h = "2025"; break;
        case 'y': h = "25"; break;
        case 'H': h = "13"; break;
        case 'I': h = "01"; break;
        case 'M': h = "45"; break;
        case 'S': h = "30"; break;
        case 'f': h = "000000"; break;
        case 'p': h = "PM"; break;
        case 'b': h = "Dec"; break;
        case 'B': h = "December"; break;
        case 'a': h = "Wed"; break;
        case 'A': h = "Wednesday"; break;
        case 'j': h = "365"; break;
        case 'z': h = "+0700"; break;
        case 'Z': h = "UTC"; break;
        case '%': h = "%"; break;
        default: break;
        }
      if (h != NULL)
        g_string_append (out, h);
    }
  return g_string_free (out, FALSE);
}

static void
append_grouped (GString    *out,
                const char *digits,
                const char *group)
{
  gsize n = strlen (digits);

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append (out, group);
      g_string_append_c (out, digits[i]);
    }
}

/* The format in a form an officer reads: "dd/mm/yyyy", "1.234.567,89". */
char *
ods_schema_field_format_hint (const OdsSchemaField *f)
{
  switch (f->type)
    {
    case ODS_FIELD_DATE:
      return f->date_format != NULL ? ods_date_format_to_human (f->format) : g_strdup ("yyyy-mm-dd");
    case ODS_FIELD_TIME:
      return f->date_format != NULL ? ods_date_format_to_human (f->format) : g_strdup ("hh:mm:ss");
    case ODS_FIELD_DATETIME:
      return f->date_format != NULL ? ods_date_format_to_human (f->format) : g_strdup ("yyyy-mm-ddThh:mm:ss");
    case ODS_FIELD_YEAR:
      return g_strdup ("yyyy");
    case ODS_FIELD_YEARMONTH:
      return g_strdup ("yyyy-mm");
    default:
      return ods_schema_field_example (f);
    }
}

char *
ods_schema_field_example (const OdsSchemaField *f)
{
  GString *out;

  switch (f->type)
    {
    case ODS_FIELD_INTEGER:
      out = g_string_new (NULL);
      if (f->group_len > 0)
        append_grouped (out, "1234567", f->group_char);
      else
        g_string_append (out, "1234567");
      return g_string_free (out, FALSE);
    case ODS_FIELD_NUMBER:
      out = g_string_new (NULL);
      if (f->group_len > 0)
        append_grouped (out, "1234567", f->group_char);
      else
        g_string_append (out, "1234567");
      g_string_append (out, f->decimal_char);
      g_string_append (out, "89");
      return g_string_free (out, FALSE);
    case ODS_FIELD_BOOLEAN:
      return g_strdup_printf ("%s, %s", f->true_values[0] != NULL ? f->true_values[0] : "",
                              f->false_values[0] != NULL ? f->false_values[0] : "");
    case ODS_FIELD_DATE:
      return f->date_format != NULL ? date_example (f->format) : g_strdup ("2025-12-31");
    case ODS_FIELD_TIME:
      return f->date_format != NULL ? date_example (f->format) : g_strdup ("13:45:30");
    case ODS_FIELD_DATETIME:
      return f->date_format != NULL ? date_example (f->format) : g_strdup ("2025-12-31T13:45:30");
    case ODS_FIELD_YEAR:
      return g_strdup ("2025");
    case ODS_FIELD_YEARMONTH:
      return g_strdup ("2025-12");
    case ODS_FIELD_DURATION:
      return g_strdup ("P1Y2M10DT2H30M");
    case ODS_FIELD_GEOPOINT:
      return g_strdup (f->geo_format == 1 ? "[105.85, 21.03]"
                       : f->geo_format == 2 ? "{\"lon\": 105.85, \"lat\": 21.03}" : "105.85, 21.03");
    case ODS_FIELD_GEOJSON:
      return g_strdup ("{\"type\": \"Point\", \"coordinates\": [105.85, 21.03]}");
    case ODS_FIELD_OBJECT:
      return g_strdup ("{\"a\": 1}");
    case ODS_FIELD_ARRAY:
      return g_strdup ("[1, 2]");
    case ODS_FIELD_LIST:
      return g_strdup_printf ("a%sb%sc", f->list_delimiter, f->list_delimiter);
    case ODS_FIELD_STRING:
      switch (f->string_format)
        {
        case ODS_STRING_EMAIL: return g_strdup ("ten@coquan.gov.vn");
        case ODS_STRING_URI: return g_strdup ("https://data.gov.vn/");
        case ODS_STRING_UUID: return g_strdup ("123e4567-e89b-12d3-a456-426614174000");
        case ODS_STRING_BINARY: return g_strdup ("SGVsbG8=");
        case ODS_STRING_WKT: return g_strdup ("POINT (105.85 21.03)");
        default: return g_strdup ("abc");
        }
    default:
      return g_strdup ("abc");
    }
}
