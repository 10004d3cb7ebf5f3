/* gen-typed-csv: writes a deterministic typed CSV like an agency's quarterly file.
 *
 *   gen-typed-csv SIZE_MB OUT.csv [--errors N]
 *
 * The delimiter is ";" as Excel writes it under Vietnamese regional settings.
 * Ten columns: integer id, Vietnamese unit name, district (enum), report date
 * (dd/mm/yyyy), amount in Vietnamese format (1.234.567,89), count (integer),
 * rate (12,5), status (enum), a free-text note (sometimes quoted, with commas
 * or doubled quotes) and an e-mail address. Matches typed-schema.json.
 * With --errors N, every Nth row carries one deliberate error.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state = 0x9E3779B97F4A7C15ull;

static uint32_t
next_rand (void)
{
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return (uint32_t) (state >> 11);
}

static const char *const units[] = {
  "Trường THPT Quốc Học Quy Nhơn", "Trạm Y tế phường Ghềnh Ráng", "Phòng Tài chính – Kế hoạch",
  "Bệnh viện Đa khoa tỉnh Bình Định", "Trung tâm Kiểm soát bệnh tật", "Ban Quản lý dự án",
  "Chi cục Thuế khu vực Quy Nhơn – Tuy Phước", "Trường Tiểu học Nhơn Bình", "Kho bạc Nhà nước An Nhơn",
};
static const char *const districts[] = {
  "Quy Nhơn", "An Nhơn", "Hoài Nhơn", "Tuy Phước", "Phù Cát", "Phù Mỹ", "Tây Sơn",
  "Vĩnh Thạnh", "Vân Canh", "An Lão", "Hoài Ân",
};
static const char *const statuses[] = { "Đã duyệt", "Chờ duyệt", "Trả lại" };
static const char *const notes[] = {
  "", "Đã đối chiếu số liệu", "\"Số liệu; đã điều chỉnh\"", "\"Theo \"\"Quyết định 51\"\"\"",
  "Chưa có ý kiến", "Bổ sung quý sau",
};

static void
group_thousands (char *out, uint64_t v)
{
  char digits[32];
  int n = snprintf (digits, sizeof digits, "%llu", (unsigned long long) v);
  int o = 0;

  for (int i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        out[o++] = '.';
      out[o++] = digits[i];
    }
  out[o] = '\0';
}

int
main (int argc, char **argv)
{
  uint64_t target, written = 0, row = 0;
  unsigned error_every = 0;
  FILE *out;
  static char buf[1 << 20];

  if (argc < 3)
    {
      fprintf (stderr, "usage: %s SIZE_MB OUT.csv [--errors N]\n", argv[0]);
      return 2;
    }
  target = strtoull (argv[1], NULL, 10) * 1000000ull;
  if (argc >= 5 && strcmp (argv[3], "--errors") == 0)
    error_every = (unsigned) strtoul (argv[4], NULL, 10);

  out = fopen (argv[2], "wb");
  if (out == NULL)
    {
      perror (argv[2]);
      return 1;
    }
  setvbuf (out, buf, _IOFBF, sizeof buf);

  written += fprintf (out, "ma_so;ten_don_vi;quan_huyen;ngay_bao_cao;so_tien;so_luong;ty_le;trang_thai;ghi_chu;email\r\n");
  while (written < target)
    {
      char amount[40];
      uint32_t r = next_rand ();
      int day = 1 + r % 28, month = 1 + (r >> 5) % 12, year = 2020 + (r >> 9) % 7;
      const char *district = districts[(r >> 12) % (sizeof districts / sizeof *districts)];
      char datebuf[16];

      row++;
      group_thousands (amount, next_rand () % 5000000000u);
      snprintf (datebuf, sizeof datebuf, "%02d/%02d/%04d", day, month, year);
      if (error_every && row % error_every == 0)
        {
          switch ((row / error_every) % 3)
            {
            case 0: snprintf (datebuf, sizeof datebuf, "31/02/%04d", year); break;
            case 1: district = "Quy Nhon"; break;
            default: strcpy (amount, "12.34.5"); break;
            }
        }
      written += fprintf (out, "%llu;%s;%s;%s;%s,%02u;%u;%u,%u;%s;%s;donvi%llu@binhdinh.gov.vn\r\n",
                          (unsigned long long) row,
                          units[next_rand () % (sizeof units / sizeof *units)],
                          district, datebuf, amount, next_rand () % 100,
                          next_rand () % 100000, next_rand () % 100, next_rand () % 10,
                          statuses[next_rand () % 3],
                          notes[next_rand () % (sizeof notes / sizeof *notes)],
                          (unsigned long long) (row % 997));
    }
  if (fclose (out) != 0)
    {
      perror (argv[2]);
      return 1;
    }
  fprintf (stderr, "%llu rows, %llu bytes\n", (unsigned long long) row, (unsigned long long) written);
  return 0;
}
