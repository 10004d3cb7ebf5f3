#define G_LOG_DOMAIN "ods-portal-seed"

/* The demo portal: four Bình Định departments, their officers with fixed demo
 * tokens, and quarterly datasets whose 2026-Q1…Q3 submissions are on time,
 * late or missing, so every status the app shows has an example. Fixed ids and
 * dates keep tests deterministic. Demo credentials only: never use them on a
 * real portal. */

#include "ods-portal-server-private.h"

#include "ods-sha256.h"

#include <string.h>

#define DEMO_SECRET "ods-stand-in-portal-demo-secret"
#define DEMO_IAT    G_GINT64_CONSTANT (1791331200) /* 2026-10-07T00:00:00Z */

typedef struct
{
  const char *id, *name, *title, *description;
} SeedOrg;

static const SeedOrg orgs[] = {
  { "b73343b9-a955-483a-9c52-f69655fe09c0", "so-tai-chinh", "Sở Tài chính",
    "Sở Tài chính tỉnh Bình Định: ngân sách, giá cả, tài sản công." },
  { "ef45ab85-1ebe-489b-adf4-99a7f459810c", "so-y-te", "Sở Y tế",
    "Sở Y tế tỉnh Bình Định: cơ sở khám chữa bệnh, y tế dự phòng." },
  { "3fae4eee-ac77-404c-b734-e96433e7bac4", "so-giao-duc-va-dao-tao", "Sở Giáo dục và Đào tạo",
    "Sở Giáo dục và Đào tạo tỉnh Bình Định: trường lớp, học sinh, tuyển sinh." },
  { "b85230f9-4123-42f4-9194-52abff84443e", "so-ke-hoach-va-dau-tu", "Sở Kế hoạch và Đầu tư",
    "Sở Kế hoạch và Đầu tư tỉnh Bình Định: doanh nghiệp, dự án đầu tư." },
};

typedef struct
{
  const char *id, *name, *fullname, *password, *jti;
  gboolean    sysadmin;
  const char *memberships; /* "org-name:capacity;…" */
} SeedUser;

static const SeedUser users[] = {
  { "91cf1725-8677-4e7d-bb94-e8727b076ff8", "admin", "Quản trị cổng dữ liệu", "admin-demo-2026",
    "demo-admin", TRUE, "" },
  { "954e6811-0769-4238-b046-2b69a5ac3aaf", "officer-stc", "Nguyễn Văn An", "stc-demo-2026",
    "demo-officer-stc", FALSE, "so-tai-chinh:editor;so-ke-hoach-va-dau-tu:member" },
  { "115c7b10-39d9-4144-bc4b-11d075ae626c", "officer-syt", "Trần Thị Bình", "syt-demo-2026",
    "demo-officer-syt", FALSE, "so-y-te:editor" },
  { "70bfa1f9-e62d-4309-aac6-5b7477585c99", "officer-sgd", "Lê Minh Châu", "sgd-demo-2026",
    "demo-officer-sgd", FALSE, "so-giao-duc-va-dao-tao:editor" },
  { "2fe10766-0d50-41ae-bcab-0183c1a259bb", "officer-skhdt", "Phạm Quốc Dũng", "skhdt-demo-2026",
    "demo-officer-skhdt", FALSE, "so-ke-hoach-va-dau-tu:admin" },
  { "45045916-4f0e-4040-9cd3-40298e6c8d26", "viewer-stc", "Võ Thị Em", "viewer-demo-2026",
    "demo-viewer-stc", FALSE, "so-tai-chinh:member" },
};

/* Table Schemas, as ckanext-validation stores them: the `schema` field is a JSON string. */
static const char schema_thu_chi[] =
  "{\"fields\": ["
  "{\"name\": \"quy\", \"title\": \"Quý\", \"type\": \"string\", \"constraints\": {\"required\": true, \"pattern\": \"[0-9]{4}-Q[1-4]\"}}, "
  "{\"name\": \"chi_tieu\", \"title\": \"Chỉ tiêu\", \"type\": \"string\", \"constraints\": {\"required\": true}}, "
  "{\"name\": \"du_toan\", \"title\": \"Dự toán (triệu đồng)\", \"type\": \"number\", \"constraints\": {\"minimum\": 0}}, "
  "{\"name\": \"thuc_hien\", \"title\": \"Thực hiện (triệu đồng)\", \"type\": \"number\", \"constraints\": {\"minimum\": 0}}"
  "], \"missingValues\": [\"\"]}";

static const char schema_gia_ca[] =
  "{\"fields\": ["
  "{\"name\": \"mat_hang\", \"title\": \"Mặt hàng\", \"type\": \"string\", \"constraints\": {\"required\": true}}, "
  "{\"name\": \"don_vi_tinh\", \"title\": \"Đơn vị tính\", \"type\": \"string\"}, "
  "{\"name\": \"gia_binh_quan\", \"title\": \"Giá bình quân (đồng)\", \"type\": \"integer\", \"constraints\": {\"minimum\": 0}}, "
  "{\"name\": \"ky_bao_cao\", \"title\": \"Kỳ báo cáo\", \"type\": \"string\", \"constraints\": {\"pattern\": \"[0-9]{4}-Q[1-4]\"}}"
  "]}";

static const char schema_tiem_chung[] =
  "{\"fields\": ["
  "{\"name\": \"huyen\", \"title\": \"Huyện, thị xã, thành phố\", \"type\": \"string\", \"constraints\": {\"required\": true}}, "
  "{\"name\": \"so_tre_tiem_du_mui\", \"title\": \"Số trẻ tiêm đủ mũi\", \"type\": \"integer\", \"constraints\": {\"minimum\": 0}}, "
  "{\"name\": \"ty_le_phan_tram\", \"title\": \"Tỷ lệ (%)\", \"type\": \"number\", \"constraints\": {\"minimum\": 0, \"maximum\": 100}}"
  "]}";

static const char schema_truong_hoc[] =
  "{\"fields\": ["
  "{\"name\": \"cap_hoc\", \"title\": \"Cấp học\", \"type\": \"string\", \"constraints\": {\"required\": true, \"enum\": [\"Tiểu học\", \"Trung học cơ sở\", \"Trung học phổ thông\"]}}, "
  "{\"name\": \"so_truong\", \"title\": \"Số trường\", \"type\": \"integer\"}, "
  "{\"name\": \"so_lop\", \"title\": \"Số lớp\", \"type\": \"integer\"}, "
  "{\"name\": \"so_hoc_sinh\", \"title\": \"Số học sinh\", \"type\": \"integer\"}"
  "]}";

static const char schema_doanh_nghiep[] =
  "{\"fields\": ["
  "{\"name\": \"nganh_nghe\", \"title\": \"Ngành nghề\", \"type\": \"string\", \"constraints\": {\"required\": true}}, "
  "{\"name\": \"so_doanh_nghiep\", \"title\": \"Số doanh nghiệp\", \"type\": \"integer\", \"constraints\": {\"minimum\": 0}}, "
  "{\"name\": \"von_dang_ky\", \"title\": \"Vốn đăng ký (tỷ đồng)\", \"type\": \"number\", \"constraints\": {\"minimum\": 0}}"
  "]}";

typedef struct
{
  const char *id, *name, *title, *notes, *org, *frequency, *license, *tags, *created;
  gboolean    private;
} SeedPackage;

static const SeedPackage packages[] = {
  { "00d71ec3-17ed-424b-a9c6-c40568b0fdc5", "thu-chi-ngan-sach", "Thu chi ngân sách tỉnh theo quý",
    "Số liệu thu, chi ngân sách nhà nước trên địa bàn tỉnh Bình Định, cập nhật hằng quý.",
    "so-tai-chinh", "quarterly", "cc-by", "ngan-sach,tai-chinh", "2026-01-05T02:00:00.000000", FALSE },
  { "36c043c7-6fa6-41fb-8448-e71291f78294", "gia-ca-thi-truong", "Giá cả thị trường hàng hóa thiết yếu",
    "Giá bình quân một số mặt hàng thiết yếu tại các chợ trên địa bàn tỉnh.",
    "so-tai-chinh", "quarterly", "cc-by", "gia-ca,tai-chinh", "2026-01-05T02:10:00.000000", FALSE },
  { "e22aa822-3e53-42a9-91aa-56282f60cabc", "bang-gia-dat", "Bảng giá đất giai đoạn 2025–2029",
    "Bảng giá các loại đất trên địa bàn tỉnh, công bố hằng năm.",
    "so-tai-chinh", "annually", "cc-by", "dat-dai", "2026-01-05T02:20:00.000000", FALSE },
  { "c6d0e237-da52-4c48-a794-b098c9e7a3bd", "du-toan-chi-noi-bo", "Dự toán chi thường xuyên (nội bộ)",
    "Dữ liệu nội bộ, chưa công bố.",
    "so-tai-chinh", "quarterly", NULL, "", "2026-01-05T02:30:00.000000", TRUE },
  { "44bf4ee4-6b06-4460-984c-b385ce4a3525", "co-so-kham-chua-benh", "Danh sách cơ sở khám, chữa bệnh",
    "Danh sách bệnh viện, trung tâm y tế, trạm y tế và phòng khám được cấp phép, kết nối trực tiếp từ hệ thống của Sở Y tế.",
    "so-y-te", "quarterly", "cc-by", "y-te", "2026-01-06T02:00:00.000000", FALSE },
  { "ac339782-0d65-4ddf-af61-a5e48cbc698e", "tiem-chung-mo-rong", "Kết quả tiêm chủng mở rộng",
    "Số trẻ em dưới 1 tuổi được tiêm đủ mũi theo huyện, thị xã, thành phố.",
    "so-y-te", "quarterly", "cc-by", "y-te,tiem-chung", "2026-01-06T02:10:00.000000", FALSE },
  { "3b3ee47a-4e92-4b05-aad2-d7bc471c35a9", "truong-lop-hoc-sinh", "Số trường, lớp, học sinh phổ thông",
    "Số trường, số lớp và số học sinh phổ thông theo cấp học.",
    "so-giao-duc-va-dao-tao", "quarterly", "cc-by", "giao-duc", "2026-01-07T02:00:00.000000", FALSE },
  { "9ca7e7ca-ee86-4a84-8d66-0cddba0c575b", "tuyen-sinh-lop-10", "Kết quả tuyển sinh lớp 10",
    "Số thí sinh dự thi và trúng tuyển vào lớp 10 trung học phổ thông.",
    "so-giao-duc-va-dao-tao", "quarterly", "cc-by", "giao-duc,tuyen-sinh", "2026-01-07T02:10:00.000000", FALSE },
  { "f08a8830-afb6-4648-856e-3b0af9a97148", "doanh-nghiep-thanh-lap-moi", "Doanh nghiệp thành lập mới",
    "Số doanh nghiệp thành lập mới và vốn đăng ký theo ngành nghề.",
    "so-ke-hoach-va-dau-tu", "quarterly", "cc-by", "doanh-nghiep", "2026-01-08T02:00:00.000000", FALSE },
  { "53f1faad-b8c8-49ca-ba75-d2cc997c74e1", "du-an-dau-tu-cap-phep", "Dự án đầu tư được cấp phép",
    "Danh sách dự án đầu tư được cấp quyết định chủ trương đầu tư.",
    "so-ke-hoach-va-dau-tu", "quarterly", "cc-by", "dau-tu", "2026-01-08T02:10:00.000000", FALSE },
};

typedef struct
{
  const char *id, *package, *name, *period, *last_modified, *filename, *schema, *csv, *url;
} SeedResource;

/* Deadlines (Decision 51/2022): Q1 → 16/04/2026, Q2 → 16/07/2026, Q3 → 16/10/2026.
 * Times are UTC, as CKAN stores them. */
static const SeedResource resources[] = {
  /* Sở Tài chính: Q1 and Q2 on time, Q3 late (22/10). */
  { "2b7c3ce2-f633-421f-b396-2633a07845d4", "thu-chi-ngan-sach", "Thu chi ngân sách – Q1/2026", "2026-Q1",
    "2026-04-10T02:15:00.000000", "thu_chi_2026_q1.csv", schema_thu_chi,
    "quy,chi_tieu,du_toan,thuc_hien\n2026-Q1,Thu nội địa,12500,3120.5\n2026-Q1,Thu xuất nhập khẩu,1800,402\n"
    "2026-Q1,Chi đầu tư phát triển,6400,1275\n2026-Q1,Chi thường xuyên,9800,2390.25\n", NULL },
  { "85918d0f-73b0-45aa-87fc-3d34cde4711d", "thu-chi-ngan-sach", "Thu chi ngân sách – Q2/2026", "2026-Q2",
    "2026-07-14T03:30:00.000000", "thu_chi_2026_q2.csv", schema_thu_chi,
    "quy,chi_tieu,du_toan,thuc_hien\n2026-Q2,Thu nội địa,12500,6480\n2026-Q2,Thu xuất nhập khẩu,1800,915.5\n"
    "2026-Q2,Chi đầu tư phát triển,6400,2960\n2026-Q2,Chi thường xuyên,9800,4870\n", NULL },
  { "b81ee5b0-fc2d-4c95-9bc9-549ae0f00ff3", "thu-chi-ngan-sach", "Thu chi ngân sách – Q3/2026", "2026-Q3",
    "2026-10-22T08:05:00.000000", "thu_chi_2026_q3.csv", schema_thu_chi,
    "quy,chi_tieu,du_toan,thuc_hien\n2026-Q3,Thu nội địa,12500,9610\n2026-Q3,Thu xuất nhập khẩu,1800,1350\n"
    "2026-Q3,Chi đầu tư phát triển,6400,4415\n2026-Q3,Chi thường xuyên,9800,7260.75\n", NULL },
  /* Q1 on time (15/04 16:00 in Vietnam), Q2 late (27/07), Q3 missing. */
  { "5af6f640-d730-48aa-ad0e-9a7fb6a73b24", "gia-ca-thi-truong", "Giá cả thị trường – Q1/2026", "2026-Q1",
    "2026-04-15T09:00:00.000000", "gia_ca_2026_q1.csv", schema_gia_ca,
    "mat_hang,don_vi_tinh,gia_binh_quan,ky_bao_cao\nGạo tẻ thường,kg,15500,2026-Q1\nThịt lợn hơi,kg,62000,2026-Q1\n"
    "Cá ngừ đại dương,kg,145000,2026-Q1\nXăng RON 95,lít,23100,2026-Q1\n", NULL },
  { "8c4ac4d3-6535-4a9b-bd28-ffd1248a3de0", "gia-ca-thi-truong", "Giá cả thị trường – Q2/2026", "2026-Q2",
    "2026-07-27T02:00:00.000000", "gia_ca_2026_q2.csv", schema_gia_ca,
    "mat_hang,don_vi_tinh,gia_binh_quan,ky_bao_cao\nGạo tẻ thường,kg,15800,2026-Q2\nThịt lợn hơi,kg,64500,2026-Q2\n"
    "Cá ngừ đại dương,kg,150000,2026-Q2\nXăng RON 95,lít,22850,2026-Q2\n", NULL },
  /* Annual dataset: not required each quarter. */
  { "be98d61a-b9cd-4210-8699-c0cc8fe5b889", "bang-gia-dat", "Bảng giá đất năm 2026", "2026",
    "2026-01-20T02:00:00.000000", "bang_gia_dat_2026.csv", NULL,
    "khu_vuc,loai_dat,gia_dong_m2\nTP Quy Nhơn,Đất ở đô thị,18500000\nThị xã An Nhơn,Đất ở đô thị,6200000\n"
    "Huyện Tuy Phước,Đất nông nghiệp,95000\n", NULL },
  /* Sở Y tế: connected through an API (no upload). */
  { "c6a5659a-eabd-442c-bc74-25c6f43c2290", "co-so-kham-chua-benh", "Danh sách cơ sở khám, chữa bệnh (kết nối API)", NULL,
    NULL, NULL, NULL, NULL, "https://api.syt.binhdinh.example/v1/co-so-kham-chua-benh.csv" },
  /* Q1 late (28/04), Q2 missing, Q3 on time (12/10). */
  { "b7ddcbb9-b7d1-42fb-bfa7-0692af5d43fb", "tiem-chung-mo-rong", "Tiêm chủng mở rộng – Q1/2026", "2026-Q1",
    "2026-04-28T07:45:00.000000", "tiem_chung_2026_q1.csv", schema_tiem_chung,
    "huyen,so_tre_tiem_du_mui,ty_le_phan_tram\nTP Quy Nhơn,1840,97.5\nThị xã Hoài Nhơn,1215,96.2\nHuyện An Lão,198,91.8\n", NULL },
  { "34b82be9-fbaa-40e4-8e13-583fec42fba8", "tiem-chung-mo-rong", "Tiêm chủng mở rộng – Q3/2026", "2026-Q3",
    "2026-10-12T01:20:00.000000", "tiem_chung_2026_q3.csv", schema_tiem_chung,
    "huyen,so_tre_tiem_du_mui,ty_le_phan_tram\nTP Quy Nhơn,1902,98.1\nThị xã Hoài Nhơn,1260,97\nHuyện An Lão,205,93.4\n", NULL },
  /* Sở Giáo dục và Đào tạo: Q1, Q2 on time, Q3 missing. */
  { "109c83fb-3a16-46d1-abea-6cddd7e67c05", "truong-lop-hoc-sinh", "Trường, lớp, học sinh – Q1/2026", "2026-Q1",
    "2026-04-08T02:00:00.000000", "truong_lop_2026_q1.csv", schema_truong_hoc,
    "cap_hoc,so_truong,so_lop,so_hoc_sinh\nTiểu học,246,4890,131250\nTrung học cơ sở,139,2710,98420\n"
    "Trung học phổ thông,56,1245,52310\n", NULL },
  { "beb47c5b-76a0-4364-a5c8-08de68c21bfb", "truong-lop-hoc-sinh", "Trường, lớp, học sinh – Q2/2026", "2026-Q2",
    "2026-07-10T02:00:00.000000", "truong_lop_2026_q2.csv", schema_truong_hoc,
    "cap_hoc,so_truong,so_lop,so_hoc_sinh\nTiểu học,246,4890,131180\nTrung học cơ sở,139,2712,98505\n"
    "Trung học phổ thông,56,1245,52290\n", NULL },
  /* No period field: uploaded 05/10, inside the Q3 submission window. */
  { "10a58339-a233-4e1c-a393-b56e29d6e888", "tuyen-sinh-lop-10", "Kết quả tuyển sinh lớp 10 năm học 2026–2027", NULL,
    "2026-10-05T03:00:00.000000", "tuyen_sinh_lop_10_2026.csv", NULL,
    "truong,chi_tieu,so_du_thi,so_trung_tuyen\nTHPT Quốc Học Quy Nhơn,540,1210,540\nTHPT Trưng Vương,495,980,495\n", NULL },
  /* Sở Kế hoạch và Đầu tư: Q1, Q2 on time, Q3 late (19/10). */
  { "55c8df34-3a9e-4876-a4a2-cb5d40330b10", "doanh-nghiep-thanh-lap-moi", "Doanh nghiệp thành lập mới – Q1/2026", "2026-Q1",
    "2026-04-13T04:00:00.000000", "doanh_nghiep_2026_q1.csv", schema_doanh_nghiep,
    "nganh_nghe,so_doanh_nghiep,von_dang_ky\nXây dựng,58,412.5\n\"Thương mại, dịch vụ\",134,620\n\"Nông, lâm, thủy sản\",21,96.75\n", NULL },
  { "cb0610ce-b12a-4b25-bc38-31745169ecb2", "doanh-nghiep-thanh-lap-moi", "Doanh nghiệp thành lập mới – Q2/2026", "2026-Q2",
    "2026-07-15T10:00:00.000000", "doanh_nghiep_2026_q2.csv", schema_doanh_nghiep,
    "nganh_nghe,so_doanh_nghiep,von_dang_ky\nXây dựng,61,438\n\"Thương mại, dịch vụ\",142,655.2\n\"Nông, lâm, thủy sản\",19,88\n", NULL },
  { "80f0dbdf-5695-4657-8ba3-f39318808e38", "doanh-nghiep-thanh-lap-moi", "Doanh nghiệp thành lập mới – Q3/2026", "2026-Q3",
    "2026-10-19T02:30:00.000000", "doanh_nghiep_2026_q3.csv", schema_doanh_nghiep,
    "nganh_nghe,so_doanh_nghiep,von_dang_ky\nXây dựng,55,401\n\"Thương mại, dịch vụ\",150,702.4\n\"Nông, lâm, thủy sản\",24,102.3\n", NULL },
};

/* A stable UUID-shaped id for things the samples give ids to (tags, members). */
static char *
stable_id (const char *kind,
           const char *name)
{
  g_autofree char *input = g_strconcat (kind, ":", name, NULL);
  g_autofree char *md5 = g_compute_checksum_for_string (G_CHECKSUM_MD5, input, -1);

  return g_strdup_printf ("%.8s-%.4s-4%.3s-8%.3s-%.12s", md5, md5 + 8, md5 + 13, md5 + 17, md5 + 20);
}

static const char *
org_id_for (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (orgs); i++)
    if (g_str_equal (orgs[i].name, name))
      return orgs[i].id;
  g_assert_not_reached ();
  return NULL;
}

static JsonObject *
seed_resource (OdsPortalStore     *store,
               const SeedResource *r,
               const char         *package_id,
               guint               position,
               GError            **error)
{
  JsonObject *res = json_object_new ();

  json_object_set_null_member (res, "cache_last_updated");
  json_object_set_null_member (res, "cache_url");
  json_object_set_string_member (res, "created", r->last_modified ? r->last_modified : "2026-01-06T02:30:00.000000");
  json_object_set_null_member (res, "description");
  json_object_set_string_member (res, "format", "CSV");
  json_object_set_string_member (res, "hash", "");
  json_object_set_string_member (res, "id", r->id);
  json_object_set_null_member (res, "mimetype_inner");
  json_object_set_string_member (res, "mimetype", "text/csv");
  json_object_set_string_member (res, "name", r->name);
  json_object_set_string_member (res, "package_id", package_id);
  json_object_set_int_member (res, "position", position);
  json_object_set_null_member (res, "resource_type");
  json_object_set_string_member (res, "state", "active");
  if (r->period)
    json_object_set_string_member (res, "period", r->period);

  if (r->url != NULL)
    {
      /* Linked to the unit's own API: CKAN's form leaves url_type empty. */
      json_object_set_string_member (res, "url", r->url);
      json_object_set_string_member (res, "url_type", "");
      json_object_set_null_member (res, "last_modified");
      json_object_set_null_member (res, "size");
      json_object_set_string_member (res, "metadata_modified", "2026-01-06T02:30:00.000000");
    }
  else
    {
      g_autofree char *path = ods_portal_store_file_path (store, r->id);
      g_autoptr(OdsSha256) sha = ods_sha256_new ();
      char hex[ODS_SHA256_HEX_LEN + 1];
      gsize len = strlen (r->csv);

      if (!g_file_set_contents (path, r->csv, len, error))
        {
          json_object_unref (res);
          return NULL;
        }
      ods_sha256_update (sha, r->csv, len);
      ods_sha256_finish_hex (sha, hex);
      json_object_set_string_member (res, "url", r->filename);
      json_object_set_string_member (res, "url_type", "upload");
      json_object_set_string_member (res, "last_modified", r->last_modified);
      json_object_set_string_member (res, "metadata_modified", r->last_modified);
      json_object_set_int_member (res, "size", len);
      json_object_set_string_member (res, "sha256", hex);
      if (r->schema)
        json_object_set_string_member (res, "schema", r->schema);
      json_object_set_string_member (res, "validation_status", "success");
      json_object_set_string_member (res, "validation_timestamp", r->last_modified);

      {
        JsonObject *validations = ods_portal_store_get_validations (store);
        JsonObject *record = json_object_new ();
        JsonObject *report = json_object_new ();
        JsonObject *stats = json_object_new ();
        g_autofree char *vid = stable_id ("validation", r->id);

        json_object_set_int_member (stats, "errors", 0);
        json_object_set_int_member (stats, "warnings", 0);
        json_object_set_boolean_member (report, "valid", TRUE);
        json_object_set_object_member (report, "stats", stats);
        json_object_set_array_member (report, "warnings", json_array_new ());
        json_object_set_array_member (report, "errors", json_array_new ());
        json_object_set_array_member (report, "tasks", json_array_new ());
        json_object_set_string_member (record, "id", vid);
        json_object_set_string_member (record, "resource_id", r->id);
        json_object_set_string_member (record, "status", "success");
        json_object_set_object_member (record, "report", report);
        json_object_set_null_member (record, "error");
        json_object_set_string_member (record, "created", r->last_modified);
        json_object_set_string_member (record, "finished", r->last_modified);
        json_object_set_int_member (record, "ready_at_us", 0);
        json_object_set_object_member (validations, r->id, record);
      }
    }
  return res;
}

gboolean
ods_portal_seed_demo (OdsPortalStore *store,
                      GError        **error)
{
  ods_portal_store_set_secret (store, DEMO_SECRET);

  for (guint i = 0; i < G_N_ELEMENTS (orgs); i++)
    {
      JsonObject *org = json_object_new ();

      json_object_set_string_member (org, "id", orgs[i].id);
      json_object_set_string_member (org, "name", orgs[i].name);
      json_object_set_string_member (org, "title", orgs[i].title);
      json_object_set_string_member (org, "description", orgs[i].description);
      json_object_set_string_member (org, "created", "2026-01-02T01:00:00.000000");
      json_object_set_string_member (org, "state", "active");
      json_array_add_object_element (ods_portal_store_get_organizations (store), org);
    }

  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    {
      g_autofree char *email = g_strdup_printf ("%s@binhdinh.example", users[i].name);
      g_autofree char *token = NULL;
      g_auto(GStrv) memberships = g_strsplit (users[i].memberships, ";", -1);

      ods_portal_store_add_user (store, users[i].id, users[i].name, users[i].fullname, email,
                                 users[i].password, users[i].sysadmin, "2026-01-02T01:30:00.000000");
      token = ods_portal_store_create_token (store, users[i].id, "demo", users[i].jti, DEMO_IAT);
      for (guint m = 0; memberships[m]; m++)
        {
          g_auto(GStrv) pair = g_strsplit (memberships[m], ":", 2);

          if (pair[0] && pair[1])
            ods_portal_store_add_member (store, users[i].id, org_id_for (pair[0]), pair[1]);
        }
    }
  /* Stable member ids, like the tags'. */
  {
    JsonArray *members = ods_portal_store_get_members (store);

    for (guint i = 0; i < json_array_get_length (members); i++)
      {
        JsonObject *m = json_array_get_object_element (members, i);
        g_autofree char *key = g_strconcat (ods_portal_object_get_string (m, "table_id"), "/",
                                            ods_portal_object_get_string (m, "group_id"), NULL);
        g_autofree char *id = stable_id ("member", key);

        json_object_set_string_member (m, "id", id);
      }
  }

  for (guint i = 0; i < G_N_ELEMENTS (packages); i++)
    {
      const SeedPackage *p = &packages[i];
      JsonObject *pkg = json_object_new ();
      JsonArray *extras = json_array_new ();
      JsonArray *tags = json_array_new ();
      JsonArray *res = json_array_new ();
      JsonObject *extra = json_object_new ();
      g_auto(GStrv) tag_names = g_strsplit (p->tags, ",", -1);
      const char *modified = p->created;

      json_object_set_null_member (pkg, "author");
      json_object_set_null_member (pkg, "author_email");
      json_object_set_string_member (pkg, "creator_user_id", users[0].id);
      json_object_set_string_member (pkg, "id", p->id);
      if (p->license)
        json_object_set_string_member (pkg, "license_id", p->license);
      else
        json_object_set_null_member (pkg, "license_id");
      json_object_set_null_member (pkg, "maintainer");
      json_object_set_null_member (pkg, "maintainer_email");
      json_object_set_string_member (pkg, "metadata_created", p->created);
      json_object_set_string_member (pkg, "name", p->name);
      json_object_set_string_member (pkg, "notes", p->notes);
      json_object_set_string_member (pkg, "owner_org", org_id_for (p->org));
      json_object_set_boolean_member (pkg, "private", p->private);
      json_object_set_string_member (pkg, "state", "active");
      json_object_set_string_member (pkg, "title", p->title);
      json_object_set_string_member (pkg, "type", "dataset");
      json_object_set_null_member (pkg, "url");
      json_object_set_null_member (pkg, "version");

      /* One portal field name is not enough: some sites call it update_frequency. */
      json_object_set_string_member (extra, "key", g_str_equal (p->name, "du-an-dau-tu-cap-phep") ?
                                     "update_frequency" : "frequency");
      json_object_set_string_member (extra, "value", p->frequency);
      json_array_add_object_element (extras, extra);
      json_object_set_array_member (pkg, "extras", extras);

      for (guint t = 0; tag_names[t]; t++)
        {
          JsonObject *tag;
          g_autofree char *tag_id = NULL;

          if (*tag_names[t] == '\0')
            continue;
          tag_id = stable_id ("tag", tag_names[t]);
          tag = json_object_new ();
          json_object_set_string_member (tag, "display_name", tag_names[t]);
          json_object_set_string_member (tag, "id", tag_id);
          json_object_set_string_member (tag, "name", tag_names[t]);
          json_object_set_string_member (tag, "state", "active");
          json_object_set_null_member (tag, "vocabulary_id");
          json_array_add_object_element (tags, tag);
        }
      json_object_set_array_member (pkg, "tags", tags);

      for (guint r = 0; r < G_N_ELEMENTS (resources); r++)
        {
          JsonObject *obj;

          if (!g_str_equal (resources[r].package, p->name))
            continue;
          obj = seed_resource (store, &resources[r], p->id, json_array_get_length (res), error);
          if (obj == NULL)
            {
              json_array_unref (res);
              json_object_unref (pkg);
              return FALSE;
            }
          if (g_strcmp0 (ods_portal_object_get_string (obj, "metadata_modified"), modified) > 0)
            modified = ods_portal_object_get_string (obj, "metadata_modified");
          json_array_add_object_element (res, obj);
        }
      json_object_set_string_member (pkg, "metadata_modified", modified);
      json_object_set_array_member (pkg, "resources", res);
      json_array_add_object_element (ods_portal_store_get_packages (store), pkg);
    }

  return ods_portal_store_save (store, error);
}

void
ods_portal_seed_print_tokens (OdsPortalStore *store)
{
  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    {
      /* Recomputed: the store keeps only the token id. */
      g_autofree char *token = ods_portal_store_sign_token (store, users[i].jti, DEMO_IAT);

      g_print ("%s\t%s\t%s\n", users[i].name, users[i].password, token);
    }
}
