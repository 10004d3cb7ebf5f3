#define G_LOG_DOMAIN "ods-report"

#include "ods-report.h"
#include "ods-i18n.h"

/**
 * OdsReport:
 *
 * What validating one table found: counts (rows, errors, errors by type),
 * the first errors up to a limit, and facts about the source (bytes,
 * time, encoding, delimiter, SHA-256). It serialises to the JSON shape of
 * a frictionless v5 task report and formats as text for the terminal.
 */

struct _OdsReport
{
  GObject    parent_instance;

  guint      limit;
  OdsReportSubject subject;
  guint64    n_rows;
  guint64    n_errors;
  guint64    notified_errors;
  guint64    counts[ODS_REPORT_N_ERROR_TYPES];
  GPtrArray *errors;

  gboolean   have_source;  /* ods_report_set_source_info() was called */
  guint64    bytes;
  double     seconds;
  char      *encoding;
  char      *delimiter;
  char      *sha256;
};

G_DEFINE_FINAL_TYPE (OdsReport, ods_report, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_VALID,
  PROP_N_ROWS,
  PROP_N_ERRORS,
  PROP_BYTES,
  PROP_SECONDS,
  PROP_ENCODING,
  PROP_DELIMITER,
  PROP_SHA256,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_BOXED_TYPE (OdsReportError, ods_report_error, ods_report_error_copy, ods_report_error_free)

static const char *const type_codes[] = {
  "blank-label", "duplicate-label", "incorrect-label", "missing-label", "extra-label",
  "unmatched-header",
  "blank-row", "extra-cell", "missing-cell", "type-error", "constraint-error",
  "unique-error", "primary-key", "foreign-key", "encoding-error", "source-error",
  "schema-error",
};
G_STATIC_ASSERT (G_N_ELEMENTS (type_codes) == ODS_REPORT_N_ERROR_TYPES);

static const char *const type_titles[] = {
  N_("Blank column name"),
  N_("Duplicate column name"),
  N_("Wrong column name"),
  N_("Missing column"),
  N_("Extra column"),
  N_("No known column"),
  N_("Empty row"),
  N_("Extra cell"),
  N_("Missing cell"),
  N_("Wrong type or format"),
  N_("Rule not met"),
  N_("Repeated value"),
  N_("Repeated or empty key"),
  N_("Reference not found"),
  N_("Encoding problem"),
  N_("Unreadable data"),
  N_("Schema problem"),
};
G_STATIC_ASSERT (G_N_ELEMENTS (type_titles) == ODS_REPORT_N_ERROR_TYPES);

const char *
ods_report_error_type_to_string (OdsReportErrorType type)
{
  g_return_val_if_fail ((guint) type < ODS_REPORT_N_ERROR_TYPES, "error");
  return type_codes[type];
}

const char *
ods_report_error_type_get_title (OdsReportErrorType type)
{
  g_return_val_if_fail ((guint) type < ODS_REPORT_N_ERROR_TYPES, "");
  return _(type_titles[type]);
}

char *
ods_column_letters (guint column_number)
{
  char buf[16];
  int i = sizeof buf - 1;

  buf[i] = '\0';
  while (column_number > 0 && i > 0)
    {
      column_number--;
      buf[--i] = (char) ('A' + column_number % 26);
      column_number /= 26;
    }
  return g_strdup (buf + i);
}

OdsReportError *
ods_report_error_copy (const OdsReportError *error)
{
  OdsReportError *copy = g_memdup2 (error, sizeof *error);

  copy->field_name = g_strdup (error->field_name);
  copy->cell = g_strdup (error->cell);
  copy->constraint = g_strdup (error->constraint);
  copy->message = g_strdup (error->message);
  return copy;
}

void
ods_report_error_free (OdsReportError *error)
{
  if (error == NULL)
    return;
  g_free (error->field_name);
  g_free (error->cell);
  g_free (error->constraint);
  g_free (error->message);
  g_free (error);
}

static void
ods_report_finalize (GObject *object)
{
  OdsReport *self = (OdsReport *) object;

  g_clear_pointer (&self->errors, g_ptr_array_unref);
  g_free (self->encoding);
  g_free (self->delimiter);
  g_free (self->sha256);

  G_OBJECT_CLASS (ods_report_parent_class)->finalize (object);
}

static void
ods_report_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  OdsReport *self = ODS_REPORT (object);

  switch (prop_id)
    {
    case PROP_VALID:
      g_value_set_boolean (value, ods_report_get_valid (self));
      break;
    case PROP_N_ROWS:
      g_value_set_uint64 (value, self->n_rows);
      break;
    case PROP_N_ERRORS:
      g_value_set_uint64 (value, self->n_errors);
      break;
    case PROP_BYTES:
      g_value_set_uint64 (value, self->bytes);
      break;
    case PROP_SECONDS:
      g_value_set_double (value, self->seconds);
      break;
    case PROP_ENCODING:
      g_value_set_string (value, self->encoding);
      break;
    case PROP_DELIMITER:
      g_value_set_string (value, self->delimiter);
      break;
    case PROP_SHA256:
      g_value_set_string (value, self->sha256);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ods_report_class_init (OdsReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ods_report_finalize;
  object_class->get_property = ods_report_get_property;

  /* The counts are notified when the validator finishes (and by
   * ods_report_add_error()), not for every error found on the way. */
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_ROWS] =
    g_param_spec_uint64 ("n-rows", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_ERRORS] =
    g_param_spec_uint64 ("n-errors", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BYTES] =
    g_param_spec_uint64 ("bytes", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SECONDS] =
    g_param_spec_double ("seconds", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ENCODING] =
    g_param_spec_string ("encoding", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DELIMITER] =
    g_param_spec_string ("delimiter", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHA256] =
    g_param_spec_string ("sha256", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* g_set_str() is GLib 2.76. */
static gboolean
set_str (char       **dest,
         const char  *value)
{
  if (g_strcmp0 (*dest, value) == 0)
    return FALSE;
  g_free (*dest);
  *dest = g_strdup (value);
  return TRUE;
}

static void
notify_counts (OdsReport *self,
               guint64    old_errors)
{
  if ((old_errors == 0) != (self->n_errors == 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
  if (old_errors != self->n_errors)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ERRORS]);
}

static void
ods_report_init (OdsReport *self)
{
  self->limit = 1000;
  self->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) ods_report_error_free);
}

OdsReport *
ods_report_new (void)
{
  return g_object_new (ODS_TYPE_REPORT, NULL);
}

void
ods_report_set_limit_errors (OdsReport *self,
                             guint      limit)
{
  g_return_if_fail (ODS_IS_REPORT (self));
  self->limit = limit;
}

guint
ods_report_get_limit_errors (OdsReport *self)
{
  g_return_val_if_fail (ODS_IS_REPORT (self), 0);
  return self->limit;
}

gboolean
ods_report_get_valid (OdsReport *self)
{
  g_return_val_if_fail (ODS_IS_REPORT (self), FALSE);
  return self->n_errors == 0;
}

guint64
ods_report_get_n_rows (OdsReport *self)
{
  g_return_val_if_fail (ODS_IS_REPORT (self), 0);
  return self->n_rows;
}

void
ods_report_set_n_rows (OdsReport *self,
                       guint64    n_rows)
{
  g_return_if_fail (ODS_IS_REPORT (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->n_rows != n_rows)
    {
      self->n_rows = n_rows;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ROWS]);
    }
  /* Errors were counted silently while validating. */
  notify_counts (self, self->notified_errors);
  self->notified_errors = self->n_errors;
  g_object_thaw_notify (G_OBJECT (self));
}

guint64
ods_report_get_n_errors (OdsReport *self)
{
  g_return_val_if_fail (ODS_IS_REPORT (self), 0);
  return self->n_errors;
}

guint64
ods_report_get_n_errors_of_type (OdsReport         *self,
                                 OdsReportErrorType type)
{
  g_return_val_if_fail (ODS_IS_REPORT (self), 0);
  g_return_val_if_fail ((guint) type < ODS_REPORT_N_ERROR_TYPES, 0);
  return self->counts[type];
}

GPtrArray *
ods_report_get_errors (OdsReport *self)
{
  g_return_val_if_fail (ODS_IS_REPORT (self), NULL);
  return self->errors;
}

gboolean
ods_report_count_error (OdsReport         *self,
                        OdsReportErrorType type)
{
  self->n_errors++;
  self->counts[type]++;
  return self->errors->len < self->limit;
}

void
ods_report_take_error (OdsReport      *self,
                       OdsReportError *error)
{
  g_return_if_fail (ODS_IS_REPORT (self));
  if (self->errors->len < self->limit)
    g_ptr_array_add (self->errors, error);
  else
    ods_report_error_free (error);
}

void
ods_report_add_error (OdsReport         *self,
                      OdsReportErrorType type,
                      guint64            row_number,
                      guint              field_number,
                      const char        *field_name,
                      const char        *cell,
                      const char        *constraint,
                      const char        *message)
{
  OdsReportError *e;
  gboolean record;

  g_return_if_fail (ODS_IS_REPORT (self));
  g_return_if_fail ((guint) type < ODS_REPORT_N_ERROR_TYPES);

  record = ods_report_count_error (self, type);
  notify_counts (self, self->notified_errors);
  self->notified_errors = self->n_errors;
  if (!record)
    return;
  e = g_new0 (OdsReportError, 1);
  e->type = type;
  e->row_number = row_number;
  e->field_number = field_number;
  e->field_name = g_strdup (field_name);
  e->cell = g_strdup (cell);
  e->constraint = g_strdup (constraint);
  e->message = g_strdup (message);
  ods_report_take_error (self, e);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const OdsReportError *ea = *(OdsReportError **) a;
  const OdsReportError *eb = *(OdsReportError **) b;

  return ea->row_number < eb->row_number ? -1 : ea->row_number > eb->row_number ? 1 : 0;
}

void
ods_report_sort_errors (OdsReport *self)
{
  g_return_if_fail (ODS_IS_REPORT (self));
  /* g_ptr_array_sort is a stable merge sort. */
  g_ptr_array_sort (self->errors, compare_rows);
}

void
ods_report_set_source_info (OdsReport  *self,
                            guint64     bytes,
                            double      seconds,
                            const char *encoding,
                            const char *delimiter,
                            const char *sha256)
{
  g_return_if_fail (ODS_IS_REPORT (self));

  self->have_source = TRUE;
  g_object_freeze_notify (G_OBJECT (self));
  if (self->bytes != bytes)
    {
      self->bytes = bytes;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES]);
    }
  if (self->seconds != seconds)
    {
      self->seconds = seconds;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECONDS]);
    }
  if (set_str (&self->encoding, encoding))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENCODING]);
  if (set_str (&self->delimiter, delimiter))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELIMITER]);
  if (set_str (&self->sha256, sha256))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHA256]);
  g_object_thaw_notify (G_OBJECT (self));
}

guint64
ods_report_get_bytes (OdsReport *self)
{
  return self->bytes;
}

double
ods_report_get_seconds (OdsReport *self)
{
  return self->seconds;
}

const char *
ods_report_get_encoding (OdsReport *self)
{
  return self->encoding;
}

const char *
ods_report_get_delimiter (OdsReport *self)
{
  return self->delimiter;
}

const char *
ods_report_get_sha256 (OdsReport *self)
{
  return self->sha256;
}

static gboolean
is_label_error (OdsReportErrorType type)
{
  return type <= ODS_REPORT_ERROR_UNMATCHED_HEADER;
}

JsonNode *
ods_report_to_json (OdsReport *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (ODS_IS_REPORT (self), NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "valid");
  json_builder_add_boolean_value (b, ods_report_get_valid (self));

  json_builder_set_member_name (b, "stats");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "rows");
  json_builder_add_int_value (b, (gint64) self->n_rows);
  json_builder_set_member_name (b, "errors");
  json_builder_add_int_value (b, (gint64) self->n_errors);
  json_builder_set_member_name (b, "bytes");
  json_builder_add_int_value (b, (gint64) self->bytes);
  json_builder_set_member_name (b, "seconds");
  json_builder_add_double_value (b, self->seconds);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "encoding");
  if (self->encoding != NULL)
    json_builder_add_string_value (b, self->encoding);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "dialect");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "delimiter");
  if (self->delimiter != NULL)
    json_builder_add_string_value (b, self->delimiter);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "sha256");
  if (self->sha256 != NULL)
    json_builder_add_string_value (b, self->sha256);
  else
    json_builder_add_null_value (b);

  json_builder_set_member_name (b, "errorCounts");
  json_builder_begin_object (b);
  for (guint t = 0; t < ODS_REPORT_N_ERROR_TYPES; t++)
    if (self->counts[t] > 0)
      {
        json_builder_set_member_name (b, type_codes[t]);
        json_builder_add_int_value (b, (gint64) self->counts[t]);
      }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  if (self->n_errors > self->errors->len)
    {
      g_autofree char *w = g_strdup_printf ("reached error limit: %u", self->limit);

      json_builder_add_string_value (b, w);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "errors");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->errors->len; i++)
    {
      const OdsReportError *e = g_ptr_array_index (self->errors, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, type_codes[e->type]);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, _(type_titles[e->type]));
      if (e->row_number > 0)
        {
          json_builder_set_member_name (b, "rowNumber");
          json_builder_add_int_value (b, (gint64) e->row_number);
        }
      if (e->field_number > 0)
        {
          json_builder_set_member_name (b, "fieldNumber");
          json_builder_add_int_value (b, e->field_number);
        }
      if (e->field_name != NULL)
        {
          json_builder_set_member_name (b, "fieldName");
          json_builder_add_string_value (b, e->field_name);
        }
      if (e->cell != NULL)
        {
          json_builder_set_member_name (b, is_label_error (e->type) ? "label" : "cell");
          json_builder_add_string_value (b, e->cell);
        }
      if (e->constraint != NULL)
        {
          json_builder_set_member_name (b, "constraint");
          json_builder_add_string_value (b, e->constraint);
        }
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, e->message != NULL ? e->message : "");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

char *
ods_report_to_json_string (OdsReport *self,
                           gboolean   pretty)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = ods_report_to_json (self);

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, pretty);
  json_generator_set_indent (gen, 2);
  return json_generator_to_data (gen, NULL);
}

static const char *
delimiter_name (const char *d)
{
  if (d == NULL)
    return "?";
  if (g_str_equal (d, "\t"))
    /* TRANSLATORS: the tab character as a delimiter */
    return C_("delimiter", "Tab");
  if (g_str_equal (d, ";"))
    /* TRANSLATORS: the ; character as a delimiter */
    return C_("delimiter", "semicolon (;)");
  if (g_str_equal (d, ","))
    /* TRANSLATORS: the , character as a delimiter */
    return C_("delimiter", "comma (,)");
  if (g_str_equal (d, "|"))
    /* TRANSLATORS: the | character as a delimiter */
    return C_("delimiter", "vertical bar (|)");
  return d;
}

/**
 * ods_report_set_subject:
 * @subject: what was checked
 *
 * Says whether the report is about the officer's file or about the data a
 * unit's data service returned (link mode), so that the text report's
 * first line names the right thing.
 */
void
ods_report_set_subject (OdsReport        *self,
                        OdsReportSubject  subject)
{
  g_return_if_fail (ODS_IS_REPORT (self));

  self->subject = subject;
}

OdsReportSubject
ods_report_get_subject (OdsReport *self)
{
  g_return_val_if_fail (ODS_IS_REPORT (self), ODS_REPORT_SUBJECT_FILE);

  return self->subject;
}

static void
append_result (OdsReport *self,
               GString   *out)
{
  g_autofree char *n = g_strdup_printf ("%" G_GUINT64_FORMAT, self->n_errors);
  gulong plural = (gulong) MIN (self->n_errors, G_MAXULONG);

  if (self->subject == ODS_REPORT_SUBJECT_SERVICE_DATA)
    {
      if (self->n_errors == 0)
        g_string_append (out, _("Result: the data the service returned is valid."));
      else
        /* TRANSLATORS: %s is a number of errors */
        g_string_append_printf (out,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "Result: the data the service returned is NOT valid: %s error.",
                                             "Result: the data the service returned is NOT valid: %s errors.",
                                             plural),
                                n);
    }
  else
    {
      if (self->n_errors == 0)
        g_string_append (out, _("Result: the file is valid."));
      else
        /* TRANSLATORS: %s is a number of errors */
        g_string_append_printf (out,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "Result: the file is NOT valid: %s error.",
                                             "Result: the file is NOT valid: %s errors.",
                                             plural),
                                n);
    }
  g_string_append_c (out, '\n');
}

char *
ods_report_format_text (OdsReport *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (ODS_IS_REPORT (self), NULL);

  append_result (self, out);

  /* TRANSLATORS: label in the report summary, followed by a number */
  g_string_append_printf (out, "  %s %" G_GUINT64_FORMAT "\n", C_("report", "Rows:"), self->n_rows);
  if (self->n_errors > 0)
    {
      gboolean first = TRUE;

      /* TRANSLATORS: label in the report summary, followed by counts per error type */
      g_string_append_printf (out, "  %s", C_("report", "Errors by type:"));
      for (guint t = 0; t < ODS_REPORT_N_ERROR_TYPES; t++)
        if (self->counts[t] > 0)
          {
            g_string_append_printf (out, "%s %s (%s): %" G_GUINT64_FORMAT, first ? "" : ";",
                                    _(type_titles[t]), type_codes[t], self->counts[t]);
            first = FALSE;
          }
      g_string_append_c (out, '\n');
    }
  if (self->encoding != NULL)
    /* TRANSLATORS: label in the report summary */
    g_string_append_printf (out, "  %s %s\n", C_("report", "Encoding:"), self->encoding);
  if (self->delimiter != NULL)
    /* TRANSLATORS: label in the report summary */
    g_string_append_printf (out, "  %s %s\n", C_("report", "Delimiter:"), delimiter_name (self->delimiter));
  if (self->have_source)
    {
      g_autofree char *size = ods_format_size_long (self->bytes);

      /* TRANSLATORS: label in the report summary, then the size with its unit */
      g_string_append_printf (out, "  %s %s\n", C_("report", "Size:"), size);
      /* TRANSLATORS: label in the report summary; then seconds, e.g. “0.25 s” */
      g_string_append_printf (out, "  %s %.2f s\n", C_("report", "Time:"), self->seconds);
    }
  if (self->sha256 != NULL)
    g_string_append_printf (out, "  %s %s\n", "SHA-256:", self->sha256);

  if (self->errors->len > 0)
    {
      g_string_append_printf (out, "\n%s\n", C_("report", "Errors:"));
      for (guint i = 0; i < self->errors->len; i++)
        {
          const OdsReportError *e = g_ptr_array_index (self->errors, i);

          g_string_append_printf (out, "  [%s] %s\n", type_codes[e->type], e->message);
        }
      if (self->n_errors > self->errors->len)
        {
          g_autofree char *n = g_strdup_printf ("%" G_GUINT64_FORMAT, self->n_errors);

          g_string_append_c (out, '\n');
          /* TRANSLATORS: %u is the number listed, %s the number of errors found */
          g_string_append_printf (out,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "Only the first %u of %s error is listed; fix these and validate again, or raise --limit-errors.",
                                               "Only the first %u of %s errors are listed; fix these and validate again, or raise --limit-errors.",
                                               (gulong) MIN (self->n_errors, G_MAXULONG)),
                                  self->errors->len, n);
          g_string_append_c (out, '\n');
        }
    }
  return g_string_free (out, FALSE);
}
