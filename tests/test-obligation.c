/* Obligation status computed from the stand-in portal's seeded datasets. */
#include "ods-i18n.h"
#include "ods-obligation.h"
#include "ods-portal-client.h"
#include "ods-unit-datasets.h"

#include "portal-fixture.h"

#include <stdlib.h>
#include <time.h>

static TestPortal *portal;
static GPtrArray *packages;  /* every seeded dataset, fetched once as the admin */

static GDateTime *
instant (const char *iso)
{
  GDateTime *t = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (t);
  return t;
}

static OdsPeriod
period (const char *text)
{
  OdsPeriod p;

  g_assert_true (ods_period_parse (text, &p, NULL));
  return p;
}

static OdsCkanPackage *
package (const char *name)
{
  for (guint i = 0; i < packages->len; i++)
    if (g_str_equal (ods_ckan_package_get_name (packages->pdata[i]), name))
      return packages->pdata[i];
  g_assert_not_reached ();
  return NULL;
}

typedef struct
{
  const char          *dataset;
  OdsObligationStatus  status;
  int                  days;
  const char          *label;      /* Vietnamese, as the officer reads it */
  const char          *resource;   /* submitted resource id, or NULL */
} Expected;

static void
check (const char     *period_text,
       const char     *now_text,
       const Expected *expected,
       gsize           n)
{
  g_autoptr(GDateTime) now = instant (now_text);

  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(OdsObligation) ob = ods_obligation_new_for_package (package (expected[i].dataset),
                                                                    period (period_text), NULL,
                                                                    NULL, now);
      g_autofree char *label = ods_obligation_dup_label (ob);

      g_test_message ("%s %s: %s", period_text, expected[i].dataset, label);
      g_assert_cmpstr (ods_obligation_status_to_string (ods_obligation_get_status (ob)), ==,
                       ods_obligation_status_to_string (expected[i].status));
      g_assert_cmpint (ods_obligation_get_days (ob), ==, expected[i].days);
      g_assert_cmpstr (label, ==, expected[i].label);
      g_assert_cmpstr (ods_obligation_get_resource_id (ob), ==, expected[i].resource);
      g_assert_cmpstr (ods_obligation_get_dataset_name (ob), ==, expected[i].dataset);
    }
}

/* 2026-Q3 is due Friday 16/10/2026; asked on 26/11/2026. */
static const Expected q3_late_november[] = {
  { "thu-chi-ngan-sach", ODS_OBLIGATION_SUBMITTED_LATE, 6, "Nộp muộn 6 ngày",
    "b81ee5b0-fc2d-4c95-9bc9-549ae0f00ff3" },
  { "gia-ca-thi-truong", ODS_OBLIGATION_OVERDUE, 41, "Quá hạn 41 ngày", NULL },
  { "bang-gia-dat", ODS_OBLIGATION_NOT_REQUIRED, 0, "Không yêu cầu", NULL },
  { "du-toan-chi-noi-bo", ODS_OBLIGATION_OVERDUE, 41, "Quá hạn 41 ngày", NULL },
  { "co-so-kham-chua-benh", ODS_OBLIGATION_CONNECTED, 0, "Kết nối API",
    "c6a5659a-eabd-442c-bc74-25c6f43c2290" },
  { "tiem-chung-mo-rong", ODS_OBLIGATION_SUBMITTED_ON_TIME, 0, "Đã nộp đúng hạn 12/10/2026",
    "34b82be9-fbaa-40e4-8e13-583fec42fba8" },
  { "truong-lop-hoc-sinh", ODS_OBLIGATION_OVERDUE, 41, "Quá hạn 41 ngày", NULL },
  /* No period field: found by its upload time inside the Q3 window. */
  { "tuyen-sinh-lop-10", ODS_OBLIGATION_SUBMITTED_ON_TIME, 0, "Đã nộp đúng hạn 05/10/2026",
    "10a58339-a233-4e1c-a393-b56e29d6e888" },
  /* 19/10 09:30 in Vietnam: 3 days after the 16th. */
  { "doanh-nghiep-thanh-lap-moi", ODS_OBLIGATION_SUBMITTED_LATE, 3, "Nộp muộn 3 ngày",
    "80f0dbdf-5695-4657-8ba3-f39318808e38" },
  { "du-an-dau-tu-cap-phep", ODS_OBLIGATION_OVERDUE, 41, "Quá hạn 41 ngày", NULL },
};

/* 2026-Q2 is due Thursday 16/07/2026. */
static const Expected q2_late_november[] = {
  { "thu-chi-ngan-sach", ODS_OBLIGATION_SUBMITTED_ON_TIME, 0, "Đã nộp đúng hạn 14/07/2026",
    "85918d0f-73b0-45aa-87fc-3d34cde4711d" },
  { "gia-ca-thi-truong", ODS_OBLIGATION_SUBMITTED_LATE, 11, "Nộp muộn 11 ngày",
    "8c4ac4d3-6535-4a9b-bd28-ffd1248a3de0" },
  { "tiem-chung-mo-rong", ODS_OBLIGATION_OVERDUE, 133, "Quá hạn 133 ngày", NULL },
  /* Its one upload (05/10) is in Q3's window, not Q2's. */
  { "tuyen-sinh-lop-10", ODS_OBLIGATION_OVERDUE, 133, "Quá hạn 133 ngày", NULL },
  /* 15/07 17:00 in Vietnam. */
  { "doanh-nghiep-thanh-lap-moi", ODS_OBLIGATION_SUBMITTED_ON_TIME, 0,
    "Đã nộp đúng hạn 15/07/2026", "cb0610ce-b12a-4b25-bc38-31745169ecb2" },
  { "bang-gia-dat", ODS_OBLIGATION_NOT_REQUIRED, 0, "Không yêu cầu", NULL },
};

/* 2026-Q3 asked on Sunday 11/10/2026, before the late uploads happened. */
static const Expected q3_before_deadline[] = {
  { "thu-chi-ngan-sach", ODS_OBLIGATION_DUE, 5, "Còn 5 ngày", NULL },
  { "gia-ca-thi-truong", ODS_OBLIGATION_DUE, 5, "Còn 5 ngày", NULL },
  { "tiem-chung-mo-rong", ODS_OBLIGATION_DUE, 5, "Còn 5 ngày", NULL },
  { "tuyen-sinh-lop-10", ODS_OBLIGATION_SUBMITTED_ON_TIME, 0, "Đã nộp đúng hạn 05/10/2026",
    "10a58339-a233-4e1c-a393-b56e29d6e888" },
  { "co-so-kham-chua-benh", ODS_OBLIGATION_CONNECTED, 0, "Kết nối API",
    "c6a5659a-eabd-442c-bc74-25c6f43c2290" },
};

static const Expected q3_due_day[] = {
  { "gia-ca-thi-truong", ODS_OBLIGATION_DUE, 0, "Hết hạn hôm nay", NULL },
};

static void
check_all (void)
{
  check ("2026-Q3", "2026-11-26T09:00:00+07:00", q3_late_november, G_N_ELEMENTS (q3_late_november));
  check ("2026-Q2", "2026-11-26T09:00:00+07:00", q2_late_november, G_N_ELEMENTS (q2_late_november));
  check ("2026-Q3", "2026-10-11T09:00:00+07:00", q3_before_deadline,
         G_N_ELEMENTS (q3_before_deadline));
  /* 23:30 on the due day in Vietnam, already the 16th's afternoon in New York. */
  check ("2026-Q3", "2026-10-16T16:30:00Z", q3_due_day, G_N_ELEMENTS (q3_due_day));
}

static void
test_seeded (void)
{
  check_all ();
}

/* The machine's time zone must not change a single answer. */
static void
test_seeded_new_york (void)
{
  g_autoptr(GDateTime) local = NULL;

  g_setenv ("TZ", "America/New_York", TRUE);
  tzset ();
  local = g_date_time_new_now_local ();
  g_assert_cmpint (g_date_time_get_utc_offset (local), <=, -4 * G_TIME_SPAN_HOUR);
  check_all ();
  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  tzset ();
  check_all ();
}

static void
test_details (void)
{
  g_autoptr(GDateTime) now = instant ("2026-11-26T09:00:00+07:00");
  g_autoptr(OdsObligation) ob = ods_obligation_new_for_package (package ("thu-chi-ngan-sach"),
                                                                period ("2026-Q3"), NULL, NULL, now);
  g_autofree char *due = ods_date_format_dmy (&ods_obligation_get_deadline (ob)->due_day);
  g_autofree char *submitted = g_date_time_format_iso8601 (ods_obligation_get_submitted_at (ob));
  g_autofree char *period_prop = NULL;
  OdsObligationStatus status;

  g_assert_cmpstr (due, ==, "16/10/2026");
  g_assert_cmpstr (submitted, ==, "2026-10-22T08:05:00Z");
  g_assert_cmpstr (ods_obligation_get_dataset_title (ob), ==, "Thu chi ngân sách tỉnh theo quý");
  g_assert_cmpstr (ods_obligation_get_organization (ob), ==, "Sở Tài chính");
  g_assert_cmpstr (ods_obligation_get_resource_name (ob), ==, "Thu chi ngân sách – Q3/2026");
  g_assert_cmpint (ods_obligation_get_size (ob), >, 0);
  g_assert_cmpuint (strlen (ods_obligation_get_sha256 (ob)), ==, 64);
  g_assert_true (g_str_has_suffix (ods_obligation_get_url (ob), "/thu_chi_2026_q3.csv"));

  /* The GUI reads the same through properties. */
  g_object_get (ob, "status", &status, "period", &period_prop, NULL);
  g_assert_cmpint (status, ==, ODS_OBLIGATION_SUBMITTED_LATE);
  g_assert_cmpstr (period_prop, ==, "2026-Q3");
}

static void
test_list_model (void)
{
  g_autoptr(GDateTime) now = instant ("2026-11-26T09:00:00+07:00");
  g_autoptr(GListModel) list = ods_obligation_list_new (packages, period ("2026-Q3"), NULL, NULL, now);
  guint counts[ODS_OBLIGATION_N_STATUSES] = { 0 };

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, packages->len);
  g_assert_true (g_list_model_get_item_type (list) == ODS_TYPE_OBLIGATION);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(OdsObligation) ob = g_list_model_get_item (list, i);

      g_assert_cmpstr (ods_obligation_get_dataset_id (ob), ==,
                       ods_ckan_package_get_id (packages->pdata[i]));
      counts[ods_obligation_get_status (ob)]++;
    }
  g_assert_cmpuint (counts[ODS_OBLIGATION_SUBMITTED_ON_TIME], ==, 2);
  g_assert_cmpuint (counts[ODS_OBLIGATION_SUBMITTED_LATE], ==, 2);
  g_assert_cmpuint (counts[ODS_OBLIGATION_OVERDUE], ==, 4);
  g_assert_cmpuint (counts[ODS_OBLIGATION_CONNECTED], ==, 1);
  g_assert_cmpuint (counts[ODS_OBLIGATION_NOT_REQUIRED], ==, 1);
}

/* A dataset as a portal sends it, with one resource uploaded at @last_modified. */
static OdsCkanPackage *
package_from_json (const char *frequency,
                   const char *period_field,
                   const char *last_modified)
{
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  OdsCkanPackage *pkg;

  json = g_strdup_printf ("{\"id\": \"p1\", \"name\": \"ds\", \"title\": \"DS\", "
                          "\"extras\": [{\"key\": \"frequency\", \"value\": \"%s\"}], "
                          "\"resources\": [{\"id\": \"r1\", \"package_id\": \"p1\", "
                          "\"name\": \"f.csv\", \"url\": \"https://portal.example/f.csv\", "
                          "\"url_type\": \"upload\", %s%s%s \"last_modified\": \"%s\", "
                          "\"created\": \"2026-01-01T00:00:00\"}]}",
                          frequency, period_field ? "\"period\": \"" : "",
                          period_field ? period_field : "", period_field ? "\"," : "",
                          last_modified);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  pkg = ods_ckan_package_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
  return pkg;
}

static OdsObligationStatus
status_of (OdsCkanPackage *pkg,
           const char     *period_text,
           int            *days)
{
  g_autoptr(GDateTime) now = instant ("2026-12-01T00:00:00Z");
  g_autoptr(OdsObligation) ob = ods_obligation_new_for_package (pkg, period (period_text), NULL,
                                                                NULL, now);

  *days = ods_obligation_get_days (ob);
  return ods_obligation_get_status (ob);
}

/* The deadline ends at 24:00 in Vietnam on the due day: 17:00 UTC. */
static void
test_midnight_boundary (void)
{
  g_autoptr(OdsCkanPackage) last_second = package_from_json ("quarterly", NULL, "2026-10-16T16:59:59");
  g_autoptr(OdsCkanPackage) midnight = package_from_json ("quarterly", NULL, "2026-10-16T17:00:00");
  g_autoptr(OdsCkanPackage) early = package_from_json ("quarterly", NULL, "2026-09-30T16:59:59");
  g_autoptr(OdsCkanPackage) tagged_early = package_from_json ("quarterly", "2026-Q3",
                                                              "2026-09-30T10:00:00");
  int days = -1;

  g_assert_cmpint (status_of (last_second, "2026-Q3", &days), ==, ODS_OBLIGATION_SUBMITTED_ON_TIME);
  g_assert_cmpint (days, ==, 0);
  g_assert_cmpint (status_of (midnight, "2026-Q3", &days), ==, ODS_OBLIGATION_SUBMITTED_LATE);
  g_assert_cmpint (days, ==, 1);
  /* 23:59:59 on 30/09 in Vietnam is still Q3 itself: not in its window… */
  g_assert_cmpint (status_of (early, "2026-Q3", &days), ==, ODS_OBLIGATION_OVERDUE);
  g_assert_cmpint (days, ==, 46);
  /* …but counts when the officer labelled it 2026-Q3. */
  g_assert_cmpint (status_of (tagged_early, "2026-Q3", &days), ==, ODS_OBLIGATION_SUBMITTED_ON_TIME);
  /* And an upload labelled for Q3 never counts for Q4. */
  g_assert_cmpint (status_of (tagged_early, "2026-Q4", &days), ==, ODS_OBLIGATION_DUE);
}

static void
test_frequencies (void)
{
  const char *required[] = {
    "quarterly", "Quarterly", " QUARTERLY ", "hàng quý", "Hằng quý", "monthly", "hàng tháng",
    "weekly", "daily", "continuous", "R/P3M", "P1M", "R/P1W", "R/P1D", "R/PT1H",
    "http://publications.europa.eu/resource/authority/frequency/QUARTERLY",
    "http://purl.org/cld/freq/monthly", "", NULL, "something-new", "UNKNOWN",
    "http://publications.europa.eu/resource/authority/frequency/UPDATE_CONT",
  };
  const char *other[] = {
    "annual", "annually", "Yearly", "hàng năm", "Hằng năm", "irregular", "không định kỳ",
    "semiannual", "6 tháng", "R/P1Y", "P6M", "R/P2Y", "never",
    "http://publications.europa.eu/resource/authority/frequency/ANNUAL",
    "http://purl.org/cld/freq/biennial",
    "http://publications.europa.eu/resource/authority/frequency/ANNUAL_3",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (required); i++)
    if (!ods_obligation_frequency_is_required (required[i]))
      g_error ("“%s” should be required", required[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (other); i++)
    if (ods_obligation_frequency_is_required (other[i]))
      g_error ("“%s” should not be required", other[i]);
}

/* A monthly dataset is required each quarter; an annual one only shows a
 * submission when there is one. */
static void
test_frequency_status (void)
{
  g_autoptr(OdsCkanPackage) monthly = package_from_json ("monthly", NULL, "2026-03-01T00:00:00");
  g_autoptr(OdsCkanPackage) annual = package_from_json ("annual", NULL, "2026-03-01T00:00:00");
  g_autoptr(OdsCkanPackage) annual_submitted = package_from_json ("annual", "2026-Q3",
                                                                  "2026-10-01T00:00:00");
  int days;

  g_assert_cmpint (status_of (monthly, "2026-Q3", &days), ==, ODS_OBLIGATION_OVERDUE);
  g_assert_cmpint (status_of (annual, "2026-Q3", &days), ==, ODS_OBLIGATION_NOT_REQUIRED);
  g_assert_cmpint (status_of (annual_submitted, "2026-Q3", &days), ==,
                   ODS_OBLIGATION_SUBMITTED_ON_TIME);
}

/* The account as the CLI and the GUI open it, the token from the environment. */
static OdsPortalAccount *
open_account (const char  *user,
              const char  *token,
              GError     **error)
{
  g_autoptr(OdsPortalSettings) settings = ods_portal_settings_new (portal->url);
  g_autoptr(GAsyncResult) result = NULL;
  OdsPortalAccount *account;

  g_setenv ("OPENDATA_SUBMIT_TOKEN", token, TRUE);
  g_setenv ("OPENDATA_SUBMIT_USER", user, TRUE);
  ods_portal_account_open_async (settings, NULL, test_on_result, &result);
  test_wait (&result);
  account = ods_portal_account_open_finish (result, error);
  g_unsetenv ("OPENDATA_SUBMIT_TOKEN");
  g_unsetenv ("OPENDATA_SUBMIT_USER");
  return account;
}

/* What the status view starts from: every dataset of the officer's units. */
static void
test_unit_datasets (void)
{
  g_autofree char *stc_token = test_portal_token ("officer-stc");
  g_autofree char *admin_token = test_portal_token ("admin");
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsPortalAccount) stc = open_account ("officer-stc", stc_token, &error);
  g_autoptr(OdsPortalAccount) admin = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) admin_result = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GDateTime) now = instant ("2026-11-26T09:00:00+07:00");

  g_assert_no_error (error);
  ods_unit_datasets_load_async (stc, NULL, test_on_result, &result);
  test_wait (&result);
  found = ods_unit_datasets_load_finish (stc, result, &error);
  g_assert_no_error (error);
  /* Editor of Sở Tài chính only (a mere member of Sở Kế hoạch và Đầu tư). */
  g_assert_cmpuint (found->len, ==, 4);
  for (guint i = 0; i < found->len; i++)
    g_assert_cmpstr (ods_ckan_package_get_owner_org (found->pdata[i]), ==,
                     "b73343b9-a955-483a-9c52-f69655fe09c0");
  list = ods_obligation_list_new (found, period ("2026-Q3"), NULL, NULL, now);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 4);

  /* The administrator may add data to all four units: all ten datasets. */
  admin = open_account ("admin", admin_token, &error);
  g_assert_no_error (error);
  ods_unit_datasets_load_async (admin, NULL, test_on_result, &admin_result);
  test_wait (&admin_result);
  all = ods_unit_datasets_load_finish (admin, admin_result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 10);
}

static void
fetch_packages (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsPortalClient) client = ods_portal_client_new (portal->url, FALSE, NULL, &error);
  g_autofree char *token = test_portal_token ("admin");
  g_autoptr(GAsyncResult) result = NULL;

  g_assert_no_error (error);
  ods_portal_client_set_token (client, token);
  ods_portal_client_package_search_async (client, NULL, NULL, test_on_result, &result);
  test_wait (&result);
  packages = ods_portal_client_package_search_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (packages->len, ==, 10);
}

int
main (int argc, char **argv)
{
  int ret;

  /* Labels are checked as a Vietnamese officer reads them. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "vi", TRUE);
  g_setenv ("TZ", "Asia/Ho_Chi_Minh", TRUE);
  ods_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  portal = test_portal_start (NULL);
  fetch_packages ();

  g_test_add_func ("/obligation/seeded", test_seeded);
  g_test_add_func ("/obligation/details", test_details);
  g_test_add_func ("/obligation/list-model", test_list_model);
  g_test_add_func ("/obligation/midnight-boundary", test_midnight_boundary);
  g_test_add_func ("/obligation/frequencies", test_frequencies);
  g_test_add_func ("/obligation/frequency-status", test_frequency_status);
  g_test_add_func ("/obligation/seeded-other-time-zones", test_seeded_new_york);
  g_test_add_func ("/obligation/unit-datasets", test_unit_datasets);

  ret = g_test_run ();
  g_ptr_array_unref (packages);
  test_portal_stop (portal);
  return ret;
}
