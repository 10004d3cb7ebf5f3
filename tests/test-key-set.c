/* The key set behind unique columns, primary and unique keys and enums:
 * equal keys found, different ones kept apart (even when their hashes are
 * equal), the first row remembered, and all of it across growth. */
#include "ods-schema-private.h"

#include <string.h>

static void
test_basics (void)
{
  g_autoptr(OdsKeySet) set = ods_key_set_new ();
  guint64 first = 0;

  g_assert_true (ods_key_set_insert (set, "Quy Nhơn", strlen ("Quy Nhơn"), 2, &first));
  g_assert_true (ods_key_set_insert (set, "Quy Nhơ", strlen ("Quy Nhơ"), 3, &first));
  /* The empty key is a key like any other. */
  g_assert_true (ods_key_set_insert (set, "", 0, 4, &first));
  /* Bytes after a NUL count: "a" and "a\0" differ. */
  g_assert_true (ods_key_set_insert (set, "a", 1, 5, &first));
  g_assert_true (ods_key_set_insert (set, "a\0", 2, 6, &first));
  g_assert_cmpuint (ods_key_set_get_size (set), ==, 5);

  g_assert_false (ods_key_set_insert (set, "Quy Nhơn", strlen ("Quy Nhơn"), 9, &first));
  g_assert_cmpuint (first, ==, 2);
  g_assert_false (ods_key_set_insert (set, "", 0, 10, &first));
  g_assert_cmpuint (first, ==, 4);
  g_assert_false (ods_key_set_insert (set, "a\0", 2, 11, NULL));
  g_assert_cmpuint (ods_key_set_get_size (set), ==, 5);

  g_assert_true (ods_key_set_contains (set, "a", 1));
  g_assert_false (ods_key_set_contains (set, "b", 1));
  g_assert_false (ods_key_set_contains (set, "Quy", 3));
}

/* Many keys: the slots and the stored bytes grow many times over. */
static void
test_growth (void)
{
  g_autoptr(OdsKeySet) set = ods_key_set_new ();
  enum { N = 200000 };

  for (guint64 i = 0; i < N; i++)
    {
      char key[32];
      int len = g_snprintf (key, sizeof key, "MS-%" G_GUINT64_FORMAT, i * 7919);

      /* Keys of many lengths, so the stored entries are not all alike. */
      g_assert_true (ods_key_set_insert (set, key, len - (i % 3 == 0), i + 2, NULL));
    }
  g_assert_cmpuint (ods_key_set_get_size (set), ==, N);

  for (guint64 i = 0; i < N; i++)
    {
      char key[32];
      int len = g_snprintf (key, sizeof key, "MS-%" G_GUINT64_FORMAT, i * 7919);
      guint64 first = 0;

      g_assert_false (ods_key_set_insert (set, key, len - (i % 3 == 0), G_MAXUINT64, &first));
      g_assert_cmpuint (first, ==, i + 2);
    }
  g_assert_cmpuint (ods_key_set_get_size (set), ==, N);
}

/* Two keys whose 32-bit hashes are equal: found by search (the birthday
 * bound makes it a matter of some tens of thousands of keys). */
static void
test_hash_collision (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  g_autoptr(OdsKeySet) set = ods_key_set_new ();
  g_autofree char *a = NULL;
  char *b = NULL;
  guint64 first = 0;

  for (guint i = 0; a == NULL; i++)
    {
      char *key = g_strdup_printf ("k%u", i);
      guint32 h = ods_key_set_hash (key, strlen (key));

      g_assert_cmpuint (h, !=, 0);
      b = g_hash_table_lookup (seen, GUINT_TO_POINTER (h));
      if (b != NULL)
        a = key;
      else
        g_hash_table_insert (seen, GUINT_TO_POINTER (h), key);
      g_assert_cmpuint (i, <, 4000000);
    }
  g_assert_cmpstr (a, !=, b);
  g_assert_cmpuint (ods_key_set_hash (a, strlen (a)), ==, ods_key_set_hash (b, strlen (b)));

  g_assert_true (ods_key_set_insert (set, a, strlen (a), 2, NULL));
  g_assert_true (ods_key_set_insert (set, b, strlen (b), 3, NULL));
  g_assert_false (ods_key_set_insert (set, b, strlen (b), 4, &first));
  g_assert_cmpuint (first, ==, 3);
  g_assert_false (ods_key_set_insert (set, a, strlen (a), 5, &first));
  g_assert_cmpuint (first, ==, 2);
  g_assert_cmpuint (ods_key_set_get_size (set), ==, 2);
}

/* Prefetching, then inserting with the hash computed ahead, is the same as
 * inserting: even when the set grows between the two. */
static void
test_prefetch_then_insert (void)
{
  g_autoptr(OdsKeySet) plain = ods_key_set_new ();
  g_autoptr(OdsKeySet) ahead = ods_key_set_new ();
  guint32 hashes[8];

  for (guint64 i = 0; i < 5000; i++)
    {
      guint64 key = i % 4000;   /* the last thousand are repeats */
      guint64 first_plain = 0, first_ahead = 0;
      guint32 h = ods_key_set_hash (&key, sizeof key);
      gboolean new_plain, new_ahead;

      ods_key_set_prefetch (ahead, &key, sizeof key, h);
      hashes[i % 8] = h;
      new_plain = ods_key_set_insert (plain, &key, sizeof key, i + 2, &first_plain);
      new_ahead = ods_key_set_insert_hashed (ahead, hashes[i % 8], &key, sizeof key, i + 2, &first_ahead);
      g_assert_cmpint (new_plain, ==, new_ahead);
      g_assert_cmpint (new_ahead, ==, i < 4000);
      g_assert_cmpuint (first_plain, ==, first_ahead);
      if (!new_ahead)
        g_assert_cmpuint (first_ahead, ==, key + 2);
    }
  g_assert_cmpuint (ods_key_set_get_size (ahead), ==, 4000);
}

/* ods_key_set_prefetch_key() skips the hash of a key in the dense range;
 * inserting with what it returned is the same as inserting, for ids that
 * count up, repeats, and keys far away that close the range between the
 * prefetch and the insertion. */
static void
test_prefetch_key_then_insert (void)
{
  g_autoptr(OdsKeySet) plain = ods_key_set_new ();
  g_autoptr(OdsKeySet) ahead = ods_key_set_new ();
  guint n_zero = 0, n_hashed = 0;

  for (guint64 i = 0; i < 40000; i++)
    {
      /* Counting up with a repeat every 7th; from the 10000th on (a far
       * key, which closes the range for good) a far key every 1000th, and
       * the ids past the range's end go to the hash table. */
      guint64 key = i % 7 == 6 ? i - 3 : (i > 10000 && i % 1000 == 999) ? (i + 1) << 32 : i;
      guint64 first_plain = 0, first_ahead = 0;
      guint32 h;
      gboolean new_plain, new_ahead;

      if (i == 10000)
        key = G_GUINT64_CONSTANT (1) << 60;
      h = ods_key_set_prefetch_key (ahead, &key, sizeof key);
      if (h == 0)
        n_zero++;
      else
        {
          g_assert_cmpuint (h, ==, ods_key_set_hash (&key, sizeof key));
          n_hashed++;
        }
      new_plain = ods_key_set_insert (plain, &key, sizeof key, i + 2, &first_plain);
      new_ahead = ods_key_set_insert_hashed (ahead, h, &key, sizeof key, i + 2, &first_ahead);
      g_assert_cmpint (new_plain, ==, new_ahead);
      g_assert_cmpuint (first_plain, ==, first_ahead);
      g_assert_true (ods_key_set_contains (ahead, &key, sizeof key));
    }
  /* Both ways were taken. */
  g_assert_cmpuint (n_zero, >, 10000);
  g_assert_cmpuint (n_hashed, >, 10000);
  g_assert_cmpuint (ods_key_set_get_size (ahead), ==, ods_key_set_get_size (plain));
}

/* 8-byte keys (whole numbers, dates) that count up live in the dense
 * range; the first that cannot join it closes it, and from then on keys
 * outside it go to the hash table: each key is found where it was put. */
static void
test_dense_keys (void)
{
  g_autoptr(OdsKeySet) set = ods_key_set_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GHashTable) model = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  guint64 row = 2;

  /* An id counting up from 1000, a little out of order, with repeats. */
  for (gint64 i = 0; i < 150000; i++)
    {
      gint64 k = 1000 + i - (i % 10 == 3 ? 40 : 0) + (i % 17 == 0 ? 5 : 0);
      guint64 first = 0;
      gboolean is_new = ods_key_set_insert (set, &k, sizeof k, row, &first);
      guint64 *known = g_hash_table_lookup (model, &k);

      g_assert_cmpint (is_new, ==, known == NULL);
      if (known != NULL)
        g_assert_cmpuint (first, ==, *known);
      else
        g_hash_table_insert (model, g_memdup2 (&k, sizeof k), g_memdup2 (&row, sizeof row));
      row++;
    }
  /* Then keys far below and far above (they close the range), negative
   * ones, doubles' bit patterns, and more of the range. */
  for (guint i = 0; i < 60000; i++)
    {
      gint64 k;
      guint64 first = 0;
      gboolean is_new;
      guint64 *known;

      switch (i % 5)
        {
        case 0: k = g_rand_int_range (rand, 0, 2000); break;
        case 1: k = 1000 + g_rand_int_range (rand, 0, 160000); break;
        case 2: k = (gint64) g_rand_int (rand) << 20; break;
        case 3: k = -(gint64) g_rand_int_range (rand, 1, 3000); break;
        default:
          {
            double d = g_rand_int_range (rand, 0, 500) / 4.0;

            memcpy (&k, &d, sizeof k);
          }
        }
      is_new = ods_key_set_insert (set, &k, sizeof k, row, &first);
      known = g_hash_table_lookup (model, &k);
      g_assert_cmpint (is_new, ==, known == NULL);
      if (known != NULL)
        g_assert_cmpuint (first, ==, *known);
      else
        g_hash_table_insert (model, g_memdup2 (&k, sizeof k), g_memdup2 (&row, sizeof row));
      row++;
    }
  g_assert_cmpuint (ods_key_set_get_size (set), ==, g_hash_table_size (model));

  /* A key too far above for the range goes to the hash table; the range,
   * closed now, must not grow over it later, however many keys follow. */
  {
    g_autoptr(OdsKeySet) ids = ods_key_set_new ();
    gint64 far = 1000 + 150000 + 600000;
    guint64 first = 0;

    for (gint64 k = 1000; k < 151000; k++)
      g_assert_true (ods_key_set_insert (ids, &k, sizeof k, k, NULL));
    g_assert_true (ods_key_set_insert (ids, &far, sizeof far, 7, NULL));
    for (gint64 k = 151000; k < 400000; k++)
      g_assert_true (ods_key_set_insert (ids, &k, sizeof k, k, NULL));
    g_assert_false (ods_key_set_insert (ids, &far, sizeof far, 8, &first));
    g_assert_cmpuint (first, ==, 7);
    g_assert_true (ods_key_set_contains (ids, &far, sizeof far));
    g_assert_cmpuint (ods_key_set_get_size (ids), ==, 400000 - 1000 + 1);
  }

  /* Every key is found, and keys never inserted are not. */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, model);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_assert_true (ods_key_set_contains (set, key, 8));
  }
  for (gint64 k = -5000; k < 400000; k += 7)
    g_assert_cmpint (ods_key_set_contains (set, &k, sizeof k), ==, g_hash_table_contains (model, &k));
  /* A 7- or 9-byte key is never a dense one. */
  g_assert_true (ods_key_set_insert (set, "1234567", 7, row, NULL));
  g_assert_true (ods_key_set_insert (set, "123456789", 9, row, NULL));
  g_assert_false (ods_key_set_insert (set, "1234567", 7, row + 1, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/key-set/basics", test_basics);
  g_test_add_func ("/key-set/growth", test_growth);
  g_test_add_func ("/key-set/hash-collision", test_hash_collision);
  g_test_add_func ("/key-set/prefetch-then-insert", test_prefetch_then_insert);
  g_test_add_func ("/key-set/prefetch-key-then-insert", test_prefetch_key_then_insert);
  g_test_add_func ("/key-set/dense-keys", test_dense_keys);

  return g_test_run ();
}
