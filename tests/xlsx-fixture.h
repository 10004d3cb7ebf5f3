/* xlsx-fixture.h: reads back the .xlsx files we write (unzip -p and the
 * sheet XML): cells with their type, value, number format and fill.
 * Header-only, shared by the Excel tests (hence G_GNUC_UNUSED). */
#pragma once

#include <gio/gio.h>
#include <string.h>

/* The XML of @member inside @xlsx; %NULL when @optional and it is absent. */
G_GNUC_UNUSED static char *
unzip_member_full (const char *xlsx,
                   const char *member,
                   gboolean    optional)
{
  const char *argv[] = { "unzip", "-p", xlsx, member, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                   G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  char *out = NULL;

  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  /* unzip: 11 = no such member */
  if (optional && g_subprocess_get_exit_status (proc) == 11)
    {
      g_free (out);
      return NULL;
    }
  g_assert_true (g_subprocess_get_successful (proc));
  g_assert_nonnull (out);
  g_assert_true (g_str_has_prefix (out, "<?xml"));
  return out;
}

G_GNUC_UNUSED static char *
unzip_member (const char *xlsx,
              const char *member)
{
  return unzip_member_full (xlsx, member, FALSE);
}

G_GNUC_UNUSED static char *
xml_unescape (const char *text)
{
  GString *s = g_string_new (text);

  g_string_replace (s, "&lt;", "<", 0);
  g_string_replace (s, "&gt;", ">", 0);
  g_string_replace (s, "&quot;", "\"", 0);
  g_string_replace (s, "&apos;", "'", 0);
  g_string_replace (s, "&amp;", "&", 0);
  return g_string_free (s, FALSE);
}

typedef struct
{
  char *style;  /* index into cellXfs, or NULL */
  char *type;   /* "s" for a shared string, NULL for a number */
  char *value;  /* the number, or the string itself */
} Cell;

G_GNUC_UNUSED static void
cell_free (Cell *c)
{
  g_free (c->style);
  g_free (c->type);
  g_free (c->value);
  g_free (c);
}

typedef struct
{
  char       *xlsx;
  GPtrArray  *strings;     /* shared strings */
  GHashTable *num_formats; /* numFmtId → formatCode */
  GPtrArray  *xf_numfmt;   /* cellXfs index → numFmtId */
  GPtrArray  *xf_fill;     /* cellXfs index → fill rgb or "" */
} Book;

G_GNUC_UNUSED static void
book_free (Book *b)
{
  g_free (b->xlsx);
  g_ptr_array_unref (b->strings);
  g_hash_table_unref (b->num_formats);
  g_ptr_array_unref (b->xf_numfmt);
  g_ptr_array_unref (b->xf_fill);
  g_free (b);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Book, book_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Cell, cell_free)

G_GNUC_UNUSED static char *
attr (const char *element,
      const char *name)
{
  g_autofree char *pattern = g_strdup_printf ("\\b%s=\"([^\"]*)\"", name);
  g_autoptr(GRegex) re = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) m = NULL;

  if (!g_regex_match (re, element, 0, &m))
    return NULL;
  return g_match_info_fetch (m, 1);
}

G_GNUC_UNUSED static Book *
book_open (const char *xlsx)
{
  Book *b = g_new0 (Book, 1);
  /* None in constant_memory mode: strings are inline there. */
  g_autofree char *sst = unzip_member_full (xlsx, "xl/sharedStrings.xml", TRUE);
  g_autofree char *styles = unzip_member (xlsx, "xl/styles.xml");
  g_autoptr(GRegex) si = g_regex_new ("<si><t[^>]*>(.*?)</t></si>", G_REGEX_DOTALL, 0, NULL);
  g_autoptr(GRegex) numfmt = g_regex_new ("<numFmt [^>]*/>", 0, 0, NULL);
  g_autoptr(GRegex) fill = g_regex_new ("<fill>(.*?)</fill>", 0, 0, NULL);
  g_autoptr(GRegex) xf = g_regex_new ("<xf [^>]*>", 0, 0, NULL);
  g_autoptr(GPtrArray) fills = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GMatchInfo) m = NULL;
  const char *cell_xfs;

  b->xlsx = g_strdup (xlsx);
  b->strings = g_ptr_array_new_with_free_func (g_free);
  b->num_formats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  b->xf_numfmt = g_ptr_array_new_with_free_func (g_free);
  b->xf_fill = g_ptr_array_new_with_free_func (g_free);

  for (g_regex_match (si, sst ? sst : "", 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      g_autofree char *raw = g_match_info_fetch (m, 1);

      g_ptr_array_add (b->strings, xml_unescape (raw));
    }
  g_clear_pointer (&m, g_match_info_unref);

  for (g_regex_match (numfmt, styles, 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      g_autofree char *el = g_match_info_fetch (m, 0);

      g_hash_table_insert (b->num_formats, attr (el, "numFmtId"), attr (el, "formatCode"));
    }
  g_clear_pointer (&m, g_match_info_unref);

  for (g_regex_match (fill, styles, 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      g_autofree char *el = g_match_info_fetch (m, 1);
      char *rgb = NULL;
      const char *fg = strstr (el, "<fgColor");

      if (fg != NULL)
        rgb = attr (fg, "rgb");
      g_ptr_array_add (fills, rgb ? rgb : g_strdup (""));
    }
  g_clear_pointer (&m, g_match_info_unref);

  cell_xfs = strstr (styles, "<cellXfs");
  g_assert_nonnull (cell_xfs);
  for (g_regex_match (xf, cell_xfs, 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      g_autofree char *el = g_match_info_fetch (m, 0);
      g_autofree char *fill_id = attr (el, "fillId");
      guint f = fill_id ? (guint) g_ascii_strtoull (fill_id, NULL, 10) : 0;

      g_ptr_array_add (b->xf_numfmt, attr (el, "numFmtId"));
      g_ptr_array_add (b->xf_fill, g_strdup (f < fills->len ? (char *) fills->pdata[f] : ""));
    }
  return b;
}

G_GNUC_UNUSED static char *
sheet_xml (Book *b,
           guint n)
{
  g_autofree char *member = g_strdup_printf ("xl/worksheets/sheet%u.xml", n);

  return unzip_member (b->xlsx, member);
}

/* The cell at @ref ("D2") in @xml, or NULL when the sheet has none there. */
G_GNUC_UNUSED static Cell *
cell_get (Book       *b,
          const char *xml,
          const char *ref)
{
  g_autofree char *pattern = g_strdup_printf ("<c r=\"%s\"([^>]*?)(/>|>(.*?)</c>)", ref);
  g_autoptr(GRegex) re = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) m = NULL;
  g_autofree char *attrs = NULL;
  g_autofree char *inner = NULL;
  Cell *c;

  if (!g_regex_match (re, xml, 0, &m))
    return NULL;
  attrs = g_match_info_fetch (m, 1);
  inner = g_match_info_fetch (m, 3);
  c = g_new0 (Cell, 1);
  c->style = attr (attrs, "s");
  c->type = attr (attrs, "t");
  if (inner != NULL && g_str_has_prefix (inner, "<is>"))
    {
      /* An inline string (libxlsxwriter's constant_memory mode). */
      g_autoptr(GRegex) t = g_regex_new ("<t[^>]*>(.*?)</t>", G_REGEX_DOTALL, 0, NULL);
      g_autoptr(GMatchInfo) tm = NULL;

      if (g_regex_match (t, inner, 0, &tm))
        {
          g_autofree char *raw = g_match_info_fetch (tm, 1);

          c->value = xml_unescape (raw);
        }
    }
  else if (inner != NULL && g_str_has_prefix (inner, "<v>"))
    {
      c->value = g_strndup (inner + 3, strstr (inner, "</v>") - inner - 3);
      if (g_strcmp0 (c->type, "s") == 0)
        {
          guint i = (guint) g_ascii_strtoull (c->value, NULL, 10);

          g_assert_cmpuint (i, <, b->strings->len);
          g_free (c->value);
          c->value = g_strdup (b->strings->pdata[i]);
        }
    }
  return c;
}

G_GNUC_UNUSED static const char *
cell_format (Book *b,
             Cell *c)
{
  guint xf = c->style ? (guint) g_ascii_strtoull (c->style, NULL, 10) : 0;
  const char *id;

  g_assert_cmpuint (xf, <, b->xf_numfmt->len);
  id = b->xf_numfmt->pdata[xf];
  return id ? g_hash_table_lookup (b->num_formats, id) : NULL;
}

G_GNUC_UNUSED static const char *
cell_fill (Book *b,
           Cell *c)
{
  guint xf = c->style ? (guint) g_ascii_strtoull (c->style, NULL, 10) : 0;

  g_assert_cmpuint (xf, <, b->xf_fill->len);
  return b->xf_fill->pdata[xf];
}

G_GNUC_UNUSED static void
assert_text (Book       *b,
             const char *xml,
             const char *ref,
             const char *expected)
{
  g_autoptr(Cell) c = cell_get (b, xml, ref);

  if (c == NULL)
    g_error ("%s: no cell, expected “%s”", ref, expected);
  g_assert_true (g_strcmp0 (c->type, "s") == 0 || g_strcmp0 (c->type, "inlineStr") == 0);
  g_assert_cmpstr (c->value, ==, expected);
}

/* A number (no t attribute) with @format ("dd/mm/yyyy") or any when NULL. */
G_GNUC_UNUSED static void
assert_number (Book       *b,
               const char *xml,
               const char *ref,
               double      expected,
               const char *format)
{
  g_autoptr(Cell) c = cell_get (b, xml, ref);

  if (c == NULL)
    g_error ("%s: no cell, expected %g", ref, expected);
  g_assert_null (c->type);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (c->value, NULL), expected, 1e-6);
  if (format != NULL)
    g_assert_cmpstr (cell_format (b, c), ==, format);
}

G_GNUC_UNUSED static void
assert_empty (Book       *b,
              const char *xml,
              const char *ref)
{
  g_autoptr(Cell) c = cell_get (b, xml, ref);

  g_assert_true (c == NULL || c->value == NULL);
}

