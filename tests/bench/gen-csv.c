/* gen-csv: writes a typed Vietnamese CSV for the benchmarks.
 *
 *   gen-csv OUT.csv SIZE_MB
 *
 * Ten columns: integers, Vietnamese-format numbers (1.234.567,89, quoted
 * because of the comma), dd/mm/yyyy dates, enums, Vietnamese strings (some
 * quoted, a few with doubled quotes or a line break), a year. The output is
 * the same for the same size (a fixed pseudo-random sequence). */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

static guint64 state = 0x9E3779B97F4A7C15ull;

static guint32
next (void)
{
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return (guint32) (state >> 11);
}

static const char *units[] = {
  "Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Xây dựng", "Sở Y tế", "Sở Giáo dục và Đào tạo",
  "Ủy ban nhân dân huyện Thạch Thất", "Cục Thống kê", "Sở Tài nguyên và Môi trường",
  "Ban Quản lý dự án", "Trung tâm Công nghệ thông tin",
};
static const char *codes[] = { "STC", "SKHDT", "SXD", "SYT", "SGDDT", "UBND-TT", "CTK", "STNMT", "BQLDA", "TTCNTT" };
static const char *states[] = { "Đã duyệt", "Chờ duyệt", "Từ chối", "Đang xử lý" };
static const char *places[] = {
  "Hà Nội", "Thành phố Hồ Chí Minh", "Đà Nẵng", "Hải Phòng", "Cần Thơ", "Quảng Ngãi",
  "Thừa Thiên Huế", "Bà Rịa – Vũng Tàu", "Đắk Lắk", "Khánh Hòa",
};
static const char *notes[] = {
  "Số liệu quý ba", "Đã đối chiếu với kho bạc", "Cần bổ sung chứng từ",
  "Chuyển kỳ sau", "Điều chỉnh theo quyết định số 123/QĐ-UBND", "",
};

static void
vn_number (GString *s, guint64 value, guint decimals)
{
  char digits[32];
  int n = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, value);

  for (int i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (s, '.');
      g_string_append_c (s, digits[i]);
    }
  if (decimals)
    g_string_append_printf (s, ",%0*u", decimals, next () % (decimals == 1 ? 10 : 100));
}

int
main (int argc, char **argv)
{
  g_autoptr(GString) row = g_string_sized_new (512);
  guint64 target, written = 0;
  FILE *out;

  if (argc != 3)
    {
      fprintf (stderr, "usage: %s OUT.csv SIZE_MB\n", argv[0]);
      return 2;
    }
  target = g_ascii_strtoull (argv[2], NULL, 10) * 1000 * 1000;
  out = fopen (argv[1], "wb");
  if (out == NULL)
    {
      perror (argv[1]);
      return 1;
    }
  fputs ("id,ma_don_vi,ten_don_vi,dia_ban,ngay_bao_cao,so_tien,so_luong,ty_le,trang_thai,ghi_chu\n", out);

  for (guint64 id = 1; written < target; id++)
    {
      guint u = next () % G_N_ELEMENTS (units);
      guint r = next () % 1000;

      g_string_truncate (row, 0);
      g_string_append_printf (row, "%" G_GUINT64_FORMAT ",%s,", id, codes[u]);
      if (r < 100)
        g_string_append_printf (row, "\"%s, %s\",", units[u], places[next () % G_N_ELEMENTS (places)]);
      else
        g_string_append_printf (row, "%s,", units[u]);
      g_string_append_printf (row, "%s,%02u/%02u/%u,\"", places[next () % G_N_ELEMENTS (places)],
                              1 + next () % 28, 1 + next () % 12, 2020 + next () % 6);
      vn_number (row, next () % 100000000, 2);
      g_string_append_printf (row, "\",%u,\"", next () % 5000);
      vn_number (row, next () % 100, 1);
      g_string_append_printf (row, "\",%s,", states[next () % G_N_ELEMENTS (states)]);
      if (r == 7)
        g_string_append (row, "\"Ghi chú \"\"khẩn\"\"\nxem lại\"");
      else
        g_string_append (row, notes[next () % G_N_ELEMENTS (notes)]);
      g_string_append_c (row, '\n');
      fwrite (row->str, 1, row->len, out);
      written += row->len;
    }
  if (fclose (out) != 0)
    {
      perror (argv[1]);
      return 1;
    }
  return 0;
}
