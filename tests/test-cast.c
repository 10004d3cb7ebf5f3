/* Casting cells for every Table Schema type and format. */
#include "ods-schema-private.h"

#include <math.h>
#include <stdlib.h>

static OdsSchema *
schema_for (const char *field_json)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf ("{\"fields\": [%s]}", field_json);
  OdsSchema *schema = ods_schema_new_from_string (json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (schema);
  return schema;
}

/* Every string in @valid casts, every one in @invalid does not. */
static void
check (const char        *field_json,
       const char *const *valid,
       const char *const *invalid)
{
  g_autoptr(OdsSchema) schema = schema_for (field_json);
  OdsSchemaField *f = ods_schema_get_field (schema, 0);

  for (guint i = 0; valid != NULL && valid[i] != NULL; i++)
    if (!ods_schema_field_check_cell (f, valid[i]))
      g_error ("%s: “%s” should be valid", field_json, valid[i]);
  for (guint i = 0; invalid != NULL && invalid[i] != NULL; i++)
    if (ods_schema_field_check_cell (f, invalid[i]))
      g_error ("%s: “%s” should be invalid", field_json, invalid[i]);
}

static OdsValue
cast (const char *field_json,
      const char *cell)
{
  g_autoptr(OdsSchema) schema = schema_for (field_json);
  OdsValue v = { 0 };

  g_assert_true (ods_schema_field_cast (ods_schema_get_field (schema, 0), cell, strlen (cell), &v));
  v.str = NULL;
  return v;
}

#define V(...) ((const char *const[]) { __VA_ARGS__, NULL })

static void
test_string (void)
{
  check ("{\"name\": \"a\"}", V ("", "Sở Tài chính", "anything at all"), NULL);
  check ("{\"name\": \"a\", \"type\": \"string\", \"format\": \"email\"}",
         V ("a@b.vn", "nguyen.van.a@stc.hanoi.gov.vn", "x+tag@mail.example.com", "a@b-c.vn",
            "so.tai-chinh_2@x9.gov.vn", "a@sở.vn", "A!#$%&'*/=?^`{|}~@B.VN"),
         V ("a@b", "ab.vn", "a b@c.vn", "@c.vn", "a@@b.vn", "a@b..vn", "a@.vn", ".a@b.vn", "a.@b.vn",
            "a@b.vn.", "a@b.vn@c.vn", "a;b@c.vn", "a,b@c.vn", "<a@b.vn>", "\"a\"@b.vn", "a\t@b.vn",
            "a@b_c.vn", "a@b c.vn", "a@", ""));
  check ("{\"name\": \"a\", \"format\": \"uri\"}",
         V ("https://data.gov.vn/dataset?id=1", "mailto:a@b.vn", "ftp://x.y/z"),
         V ("data.gov.vn", "http://a b", "://x", "https:"));
  check ("{\"name\": \"a\", \"format\": \"uuid\"}",
         V ("123e4567-e89b-12d3-a456-426614174000", "{123E4567-E89B-12D3-A456-426614174000}",
            "urn:uuid:123e4567e89b12d3a456426614174000"),
         V ("123e4567-e89b-12d3-a456-42661417400", "g23e4567-e89b-12d3-a456-426614174000", ""));
  check ("{\"name\": \"a\", \"format\": \"wkt\"}",
         V ("POINT (105.85 21.03)", "polygon ((0 0, 1 0, 1 1, 0 0))", "POINT Z (1 2 3)", "MULTIPOINT EMPTY"),
         V ("POINT", "POINT (1 2", "CIRCLE (1 2)", "POINT (1 2) x", "105.85, 21.03"));
  check ("{\"name\": \"a\", \"format\": \"binary\"}",
         V ("SGVsbG8=", "SGVsbG8gd29ybGQ=", "YWJj"),
         V ("SGVsbG8=x", "S===", "abc$"));
}

static void
test_integer (void)
{
  OdsValue v;

  check ("{\"name\": \"a\", \"type\": \"integer\"}",
         V ("0", "-12", "+7", " 42 ", "9223372036854775807", "-01"),
         /* Leading zeros are refused, as frictionless does. */
         V ("1.5", "12a", "", "-", "1 000", "1e3", "1,000", "abc", "007", "00", " 01"));
  v = cast ("{\"name\": \"a\", \"type\": \"integer\"}", "-9223372036854775808");
  g_assert_false (v.is_double);
  g_assert_cmpint (v.i, ==, G_MININT64);
  v = cast ("{\"name\": \"a\", \"type\": \"integer\"}", "123456789012345678901234");
  g_assert_true (v.is_double);
  g_assert_cmpfloat_with_epsilon (v.d, 1.2345678901234568e23, 1e8);

  check ("{\"name\": \"a\", \"type\": \"integer\", \"groupChar\": \".\"}",
         V ("1.234.567", "12", "-1.000"), V ("1,5", "1..000", ".100", "100."));
  v = cast ("{\"name\": \"a\", \"type\": \"integer\", \"groupChar\": \".\"}", "1.234.567");
  g_assert_cmpint (v.i, ==, 1234567);

  check ("{\"name\": \"a\", \"type\": \"integer\", \"bareNumber\": false}",
         V ("€95", "95%", "-5 đồng", "95"), V ("đồng", ""));
  v = cast ("{\"name\": \"a\", \"type\": \"integer\", \"bareNumber\": false}", "-5 đồng");
  g_assert_cmpint (v.i, ==, -5);
}

static void
test_number (void)
{
  OdsValue v;

  check ("{\"name\": \"a\", \"type\": \"number\"}",
         V ("1.5", "-0.25", "1e3", "1E-2", "NaN", "INF", "-INF", "nan", "inf", ".5", "5.", "10", "0", "0.5"),
         V ("1,5", "1.2.3", "abc", "1e", "", "--1", "1.5x", "05", "00.5", "0e5"));
  v = cast ("{\"name\": \"a\", \"type\": \"number\"}", "0.1");
  g_assert_true (v.d == 0.1);
  v = cast ("{\"name\": \"a\", \"type\": \"number\"}", "-INF");
  g_assert_true (isinf (v.d) && v.d < 0);
  v = cast ("{\"name\": \"a\", \"type\": \"number\"}", "NaN");
  g_assert_true (isnan (v.d));
  /* Beyond the fast path: still correctly rounded. */
  v = cast ("{\"name\": \"a\", \"type\": \"number\"}", "123456789012345678901.5e-3");
  g_assert_true (v.d == 123456789012345678901.5e-3);

  /* Vietnamese: 1.234.567,89 */
  check ("{\"name\": \"a\", \"type\": \"number\", \"decimalChar\": \",\", \"groupChar\": \".\"}",
         V ("1.234.567,89", "-0,5", "0,5", "12", "1234,5"),
         V ("1,234,5", "12,3a", "1.234.567.89,1,2", "0.5", "01,5"));
  v = cast ("{\"name\": \"a\", \"type\": \"number\", \"decimalChar\": \",\", \"groupChar\": \".\"}", "1.234.567,89");
  g_assert_true (v.d == 1234567.89);

  check ("{\"name\": \"a\", \"type\": \"number\", \"bareNumber\": false}",
         V ("95%", "$1.5", "1.5 triệu"), V ("%"));
  v = cast ("{\"name\": \"a\", \"type\": \"number\", \"bareNumber\": false}", "12.5%");
  g_assert_true (v.d == 12.5);
}

/* Integers and numbers through every path of the parsers (the short one
 * for plain values, the general one for the rest): each cell of
 * data/cast/numbers.txt with the result it must give. */
static void
test_number_table (void)
{
  static const char *const fields[] = {
    "{\"name\": \"a\", \"type\": \"number\"}",
    "{\"name\": \"a\", \"type\": \"number\", \"decimalChar\": \",\", \"groupChar\": \".\"}",
    "{\"name\": \"a\", \"type\": \"number\", \"decimalChar\": \",\"}",
    "{\"name\": \"a\", \"type\": \"integer\"}",
    "{\"name\": \"a\", \"type\": \"integer\", \"groupChar\": \".\"}",
    "{\"name\": \"a\", \"type\": \"integer\", \"groupChar\": \" \"}",
  };
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "cast", "numbers.txt", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  OdsSchema *schemas[G_N_ELEMENTS (fields)];
  guint n_checked = 0;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    schemas[i] = schema_for (fields[i]);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint l = 0; lines[l] != NULL; l++)
    {
      g_auto(GStrv) parts = NULL;
      OdsSchemaField *f;
      OdsValue v = { 0 };
      g_autofree char *got = NULL;
      gboolean ok;

      if (lines[l][0] == '#' || lines[l][0] == '\0')
        continue;
      parts = g_strsplit (lines[l], "|", 3);
      g_assert_cmpuint (g_strv_length (parts), ==, 3);
      f = ods_schema_get_field (schemas[atoi (parts[0])], 0);
      ok = ods_schema_field_cast (f, parts[1], strlen (parts[1]), &v);
      if (!ok)
        got = g_strdup ("-");
      else if (f->type == ODS_FIELD_INTEGER && !v.is_double)
        got = g_strdup_printf ("i%" G_GINT64_FORMAT, v.i);
      else
        got = g_strdup_printf ("d%.17g", v.d);
      if (!g_str_equal (got, parts[2]))
        g_error ("%s: “%s” gives %s, expected %s", fields[atoi (parts[0])], parts[1], got, parts[2]);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >, 400);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_object_unref (schemas[i]);
}

static void
test_boolean (void)
{
  OdsValue v;

  check ("{\"name\": \"a\", \"type\": \"boolean\"}",
         V ("true", "True", "TRUE", "1", "false", "False", "FALSE", "0"),
         V ("yes", "t", "", "2", "tRUE"));
  check ("{\"name\": \"a\", \"type\": \"boolean\", \"trueValues\": [\"Có\"], \"falseValues\": [\"Không\"]}",
         V ("Có", "Không"), V ("true", "co"));
  v = cast ("{\"name\": \"a\", \"type\": \"boolean\", \"trueValues\": [\"Có\"], \"falseValues\": [\"Không\"]}", "Có");
  g_assert_cmpint (v.i, ==, 1);
}

static void
test_date (void)
{
  OdsValue v;

  check ("{\"name\": \"a\", \"type\": \"date\"}",
         V ("2025-02-28", "2024-02-29", "2000-02-29", "1970-01-01"),
         V ("2025-02-29", "1900-02-29", "2025-2-28", "28/02/2025", "2025-12-31T00:00:00", "2025-13-01", ""));
  v = cast ("{\"name\": \"a\", \"type\": \"date\"}", "1970-01-02");
  g_assert_cmpint (v.i, ==, 1);
  v = cast ("{\"name\": \"a\", \"type\": \"date\"}", "2025-12-31");
  g_assert_cmpint (v.i, ==, 20453);

  check ("{\"name\": \"a\", \"type\": \"date\", \"format\": \"%d/%m/%Y\"}",
         V ("31/12/2025", "1/2/2025", "29/02/2024"),
         V ("31/02/2025", "2025-12-31", "31/12/25", "31/12/2025 ", "32/01/2025", "31-12-2025"));
  v = cast ("{\"name\": \"a\", \"type\": \"date\", \"format\": \"%d/%m/%Y\"}", "31/12/2025");
  g_assert_cmpint (v.i, ==, 20453);
  /* Legacy fmt: prefix */
  check ("{\"name\": \"a\", \"type\": \"date\", \"format\": \"fmt:%d/%m/%Y\"}", V ("31/12/2025"), V ("2025-12-31"));
  check ("{\"name\": \"a\", \"type\": \"date\", \"format\": \"%d %B %Y\"}", V ("5 March 2025", "5 march 2025"), V ("5 Mars 2025"));
  check ("{\"name\": \"a\", \"type\": \"date\", \"format\": \"%Y%m%d\"}", V ("20251231"), V ("202512"));
  check ("{\"name\": \"a\", \"type\": \"date\", \"format\": \"%d.%m.%y\"}", V ("31.12.25"), V ("31.12.2025"));
  check ("{\"name\": \"a\", \"type\": \"date\", \"format\": \"any\"}",
         V ("2025-03-05", "05/03/2025", "5 Mar 2025", "5.3.2025"), V ("hôm qua", "31/02/2025"));
}

/* dd/mm/yyyy has its own day count: every day of years around the
 * calendar's turning points gives what GLib's GDate gives. */
static void
test_date_dmy_days (void)
{
  static const guint years[] = { 1, 2, 3, 4, 99, 100, 101, 399, 400, 401, 1582, 1600, 1899,
                                 1900, 1969, 1970, 1971, 2000, 2024, 2025, 2100, 2400, 9999 };
  g_autoptr(OdsSchema) schema = schema_for ("{\"name\": \"a\", \"type\": \"date\", \"format\": \"%d/%m/%Y\"}");
  const OdsSchemaField *f = ods_schema_get_field (schema, 0);
  g_autoptr(GDate) epoch = g_date_new_dmy (1, G_DATE_JANUARY, 1970);
  guint n = 0;
  OdsValue v = { 0 };

  for (guint k = 0; k < G_N_ELEMENTS (years); k++)
    for (guint m = 1; m <= 12; m++)
      for (guint d = 1; d <= g_date_get_days_in_month (m, years[k]); d++)
        {
          g_autoptr(GDate) date = g_date_new_dmy (d, m, years[k]);
          g_autofree char *cell = g_strdup_printf ("%02u/%02u/%04u", d, m, years[k]);

          g_assert_true (ods_schema_field_cast (f, cell, strlen (cell), &v));
          g_assert_cmpint (v.i, ==, (gint64) g_date_get_julian (date) - (gint64) g_date_get_julian (epoch));
          n++;
        }
  g_assert_cmpuint (n, ==, 23 * 365 + 6);   /* leap: 4, 400, 1600, 2000, 2024, 2400 (not 100, 1900, 2100) */
  /* Year 0 (before GDate's first year): 1 March 0000 is the start of an era. */
  g_assert_true (ods_schema_field_cast (f, "01/03/0000", 10, &v));
  g_assert_cmpint (v.i, ==, -719468);
  g_assert_true (ods_schema_field_cast (f, "29/02/0000", 10, &v));
  g_assert_cmpint (v.i, ==, -719469);
  g_assert_true (ods_schema_field_cast (f, "01/01/0000", 10, &v));
  g_assert_cmpint (v.i, ==, -719528);
}

static void
test_time_datetime (void)
{
  OdsValue a, b;

  check ("{\"name\": \"a\", \"type\": \"time\"}",
         V ("13:45:30", "13:45:30.5", "13:45:30Z", "00:00:00", "23:59:59+07:00"),
         V ("25:00:00", "13:45", "13:60:00", "1:45:30", ""));
  check ("{\"name\": \"a\", \"type\": \"time\", \"format\": \"%H:%M\"}", V ("7:05", "23:59"), V ("24:00", "7h05"));
  check ("{\"name\": \"a\", \"type\": \"time\", \"format\": \"%I:%M %p\"}", V ("07:05 PM", "12:00 am"), V ("13:00 PM"));
  check ("{\"name\": \"a\", \"type\": \"time\", \"format\": \"any\"}", V ("7:05", "13:45:30", "07:05 PM"), V ("chiều"));

  check ("{\"name\": \"a\", \"type\": \"datetime\"}",
         V ("2025-12-31T13:45:30Z", "2025-12-31T13:45:30+07:00", "2025-12-31T13:45:30", "2025-12-31T13:45:30.123456Z"),
         V ("2025-12-31 13:45:30", "2025-12-31", "2025-02-30T00:00:00", "2025-12-31T13:45"));
  a = cast ("{\"name\": \"a\", \"type\": \"datetime\"}", "2025-12-31T13:45:30+07:00");
  b = cast ("{\"name\": \"a\", \"type\": \"datetime\"}", "2025-12-31T06:45:30Z");
  g_assert_cmpint (a.i, ==, b.i);
  check ("{\"name\": \"a\", \"type\": \"datetime\", \"format\": \"%d/%m/%Y %H:%M\"}",
         V ("31/12/2025 13:45", "1/1/2025 0:00"), V ("31/12/2025", "31/12/2025 25:00"));
  check ("{\"name\": \"a\", \"type\": \"datetime\", \"format\": \"any\"}",
         V ("2025-12-31T13:45:30Z", "31/12/2025 13:45", "2025-12-31"), V ("soon"));
}

static void
test_year_yearmonth_duration (void)
{
  OdsValue v;

  check ("{\"name\": \"a\", \"type\": \"year\"}", V ("2025", "1999", "0001"), V ("25", "20255", "abcd", "-2025", ""));
  check ("{\"name\": \"a\", \"type\": \"yearmonth\"}", V ("2025-12", "2025-01", "2025-1"), V ("2025-13", "2025-0", "2025/12", "2025", "2025-123"));
  v = cast ("{\"name\": \"a\", \"type\": \"yearmonth\"}", "2025-02");
  g_assert_cmpint (v.i, ==, 2025 * 12 + 1);

  check ("{\"name\": \"a\", \"type\": \"duration\"}",
         V ("P1Y2M10DT2H30M", "PT36H", "P2W", "PT0.5S", "P1D", "PT1M"),
         V ("P", "PT", "1Y", "P1H", "P1M1Y", "P1DT", "PT1D", ""));
  v = cast ("{\"name\": \"a\", \"type\": \"duration\"}", "P1Y2M10DT2H30M");
  g_assert_cmpint (v.i, ==, 14);
  g_assert_cmpint (v.i2, ==, (10 * 86400LL + 2 * 3600 + 30 * 60) * G_USEC_PER_SEC);
}

static void
test_geo_json (void)
{
  OdsValue v;

  check ("{\"name\": \"a\", \"type\": \"geopoint\"}",
         V ("105.85, 21.03", "-180,90", "0, 0"), V ("200, 10", "105.85", "a, b", "1, 2, 3", "10, 91"));
  v = cast ("{\"name\": \"a\", \"type\": \"geopoint\"}", "105.85, 21.03");
  g_assert_true (v.d == 105.85 && v.d2 == 21.03);
  check ("{\"name\": \"a\", \"type\": \"geopoint\", \"format\": \"array\"}",
         V ("[105.85, 21.03]", "[0,0]"), V ("105.85, 21.03", "[1]", "[200, 0]"));
  check ("{\"name\": \"a\", \"type\": \"geopoint\", \"format\": \"object\"}",
         V ("{\"lon\": 105.85, \"lat\": 21.03}"), V ("{\"lon\": 105.85}", "[1, 2]"));

  check ("{\"name\": \"a\", \"type\": \"geojson\"}",
         V ("{\"type\": \"Point\", \"coordinates\": [105.85, 21.03]}",
            "{\"type\": \"Feature\", \"geometry\": null, \"properties\": {}}",
            "{\"type\": \"FeatureCollection\", \"features\": []}"),
         V ("{\"type\": \"Foo\"}", "{\"type\": \"Point\"}", "[1, 2]", "not json"));
  check ("{\"name\": \"a\", \"type\": \"geojson\", \"format\": \"topojson\"}",
         V ("{\"type\": \"Topology\", \"objects\": {}, \"arcs\": []}"),
         V ("{\"type\": \"Point\", \"coordinates\": [1, 2]}"));
  check ("{\"name\": \"a\", \"type\": \"object\"}", V ("{\"a\": 1}", "{}"), V ("[1]", "x", "{\"a\": }"));
  check ("{\"name\": \"a\", \"type\": \"array\"}", V ("[1, 2]", "[]"), V ("{}", "1, 2"));
  v = cast ("{\"name\": \"a\", \"type\": \"array\"}", "[1, 2, 3]");
  g_assert_cmpint (v.n_items, ==, 3);
}

static void
test_list_any (void)
{
  OdsValue v;

  check ("{\"name\": \"a\", \"type\": \"list\"}", V ("a,b,c", "x", ""), NULL);
  check ("{\"name\": \"a\", \"type\": \"list\", \"delimiter\": \";\", \"itemType\": \"integer\"}",
         V ("1;2;3", "7"), V ("1;x", "1,2", "1;;2"));
  v = cast ("{\"name\": \"a\", \"type\": \"list\", \"delimiter\": \";\", \"itemType\": \"integer\"}", "1;2;3");
  g_assert_cmpint (v.n_items, ==, 3);
  check ("{\"name\": \"a\", \"type\": \"any\"}", V ("", "x", "1"), NULL);
}

static void
test_human_formats (void)
{
  g_autofree char *a = ods_date_format_to_human ("%d/%m/%Y");
  g_autofree char *b = ods_date_format_to_human ("%Y-%m-%d %H:%M");
  g_autoptr(OdsSchema) schema = schema_for ("{\"name\": \"a\", \"type\": \"date\", \"format\": \"%d/%m/%Y\"}");
  g_autofree char *example = ods_schema_field_example (ods_schema_get_field (schema, 0));
  g_autoptr(OdsSchema) vn = schema_for ("{\"name\": \"a\", \"type\": \"number\", \"decimalChar\": \",\", \"groupChar\": \".\"}");
  g_autofree char *vn_example = ods_schema_field_example (ods_schema_get_field (vn, 0));

  g_assert_cmpstr (a, ==, "dd/mm/yyyy");
  g_assert_cmpstr (b, ==, "yyyy-mm-dd hh:mm");
  g_assert_cmpstr (example, ==, "31/12/2025");
  g_assert_cmpstr (vn_example, ==, "1.234.567,89");
}

/* Random text from characters that matter to the parsers: no caster may
 * read out of bounds (run under ASan) or accept and then misreport. */
static void
test_garbage (void)
{
  static const char *const fields[] = {
    "{\"name\": \"a\", \"format\": \"email\"}",
    "{\"name\": \"a\", \"format\": \"uri\"}",
    "{\"name\": \"a\", \"format\": \"uuid\"}",
    "{\"name\": \"a\", \"format\": \"binary\"}",
    "{\"name\": \"a\", \"type\": \"integer\", \"groupChar\": \".\", \"bareNumber\": false}",
    "{\"name\": \"a\", \"type\": \"number\", \"decimalChar\": \",\", \"groupChar\": \".\"}",
    "{\"name\": \"a\", \"type\": \"number\", \"decimalChar\": \"٫\", \"groupChar\": \" \", \"bareNumber\": false}",
    "{\"name\": \"a\", \"type\": \"boolean\"}",
    "{\"name\": \"a\", \"type\": \"date\"}",
    "{\"name\": \"a\", \"type\": \"date\", \"format\": \"%d/%m/%Y\"}",
    "{\"name\": \"a\", \"type\": \"date\", \"format\": \"any\"}",
    "{\"name\": \"a\", \"type\": \"date\", \"format\": \"%j %y %b %A %p %I\"}",
    "{\"name\": \"a\", \"type\": \"time\"}",
    "{\"name\": \"a\", \"type\": \"time\", \"format\": \"any\"}",
    "{\"name\": \"a\", \"type\": \"datetime\"}",
    "{\"name\": \"a\", \"type\": \"datetime\", \"format\": \"any\"}",
    "{\"name\": \"a\", \"type\": \"datetime\", \"format\": \"%Y-%m-%dT%H:%M:%S.%f%z\"}",
    "{\"name\": \"a\", \"type\": \"year\"}",
    "{\"name\": \"a\", \"type\": \"yearmonth\"}",
    "{\"name\": \"a\", \"type\": \"duration\"}",
    "{\"name\": \"a\", \"type\": \"geopoint\"}",
    "{\"name\": \"a\", \"type\": \"geopoint\", \"format\": \"array\"}",
    "{\"name\": \"a\", \"type\": \"geojson\"}",
    "{\"name\": \"a\", \"type\": \"object\"}",
    "{\"name\": \"a\", \"type\": \"list\", \"delimiter\": \";\", \"itemType\": \"number\"}",
  };
  static const char alphabet[] = "0123456789012345.,;:-/+ TZPYMWDHSeE[]{}\"%xáệ";
  GRand *rand = g_rand_new_with_seed (20251231);

  for (guint k = 0; k < G_N_ELEMENTS (fields); k++)
    {
      g_autoptr(OdsSchema) schema = schema_for (fields[k]);
      OdsSchemaField *f = ods_schema_get_field (schema, 0);

      for (guint n = 0; n < 3000; n++)
        {
          guint len = g_rand_int_range (rand, 0, 24);
          char *cell = g_malloc (len + 1);
          OdsValue v = { 0 };

          for (guint i = 0; i < len; i++)
            cell[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
          cell[len] = '\0';
          /* Exact-size allocation: ASan catches any read past the NUL. */
          ods_schema_field_cast (f, cell, len, &v);
          g_free (cell);
        }
    }
  g_rand_free (rand);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cast/string", test_string);
  g_test_add_func ("/cast/integer", test_integer);
  g_test_add_func ("/cast/number", test_number);
  g_test_add_func ("/cast/number-table", test_number_table);
  g_test_add_func ("/cast/boolean", test_boolean);
  g_test_add_func ("/cast/date", test_date);
  g_test_add_func ("/cast/date-dmy-days", test_date_dmy_days);
  g_test_add_func ("/cast/time-datetime", test_time_datetime);
  g_test_add_func ("/cast/year-yearmonth-duration", test_year_yearmonth_duration);
  g_test_add_func ("/cast/geo-json", test_geo_json);
  g_test_add_func ("/cast/list-any", test_list_any);
  g_test_add_func ("/cast/human-formats", test_human_formats);
  g_test_add_func ("/cast/garbage", test_garbage);

  return g_test_run ();
}
