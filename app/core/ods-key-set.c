#define G_LOG_DOMAIN "ods-key-set"

#include "ods-schema-private.h"

#ifdef G_OS_UNIX
#include <sys/mman.h>
#endif

/* An open-addressing hash set of byte strings, for enum values, unique
 * columns and keys. The keys are copied into one growing arena, so a key
 * costs its length, 12 bytes of header and an 8-byte slot (small slots keep
 * the table in the cache), and nothing is allocated per key.
 *
 * Arena entries are 4-byte aligned: length (4 bytes), row (8), the bytes.
 *
 * Dense keys: the 8-byte keys of whole numbers and dates (ods_value_key)
 * are very often an id counting up, or days close together. The first
 * 8-byte key opens a range of such keys, read as integers; keys that fall
 * in it (it grows while at least a quarter of it is used) are a bit and
 * a row at their place in two arrays, written in order and small enough
 * for the cache, not a hashed slot. The first 8-byte key that cannot join
 * the range closes it for good, so each key has one home: the range or
 * the hash table. */

typedef struct
{
  guint32 hash;     /* 0: empty slot */
  guint32 offset;   /* into arena, in units of 4 bytes */
} Slot;

#define ENTRY_HEADER 12

struct _OdsKeySet
{
  Slot    *slots;
  gsize    n_slots;  /* a power of two */
  gsize    n_used;
  guint8  *arena;
  gsize    arena_len;
  gsize    arena_size;

  /* Dense keys: key k (as an integer) is at k - dense_base, below dense_cap */
  gboolean dense_open;     /* the range exists */
  gboolean dense_closed;   /* it may no longer grow */
  guint64  dense_base;
  guint64  dense_cap;      /* a multiple of 64 */
  guint64  n_dense;
  guint64 *dense_bits;
  guint64 *dense_rows;
};

#define DENSE_MIN_CAP   1024
#define DENSE_SLACK     (128u << 10)

/* Each stored key is a 4-byte length then the bytes. */

/**
 * ods_key_set_hash:
 *
 * The hash that ods_key_set_insert() computes for @key: callers that know
 * their next keys ahead compute it, ods_key_set_prefetch() the slot, and
 * insert with ods_key_set_insert_hashed() once the slot is in the cache.
 *
 * Returns: a nonzero 32-bit hash
 */
guint32
ods_key_set_hash (const void *key,
                  gsize       len)
{
  const guint8 *p = key;
  guint64 h = 0x9E3779B97F4A7C15ull ^ (len * 0xff51afd7ed558ccdull);

  while (len >= 8)
    {
      guint64 w;

      memcpy (&w, p, 8);
      h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
      h ^= h >> 31;
      p += 8;
      len -= 8;
    }
  if (len > 0)
    {
      guint64 w = 0;

      memcpy (&w, p, len);
      h = (h ^ w) * 0x94d049bb133111ebull;
    }
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 32;
  h &= 0xffffffffu;
  return h != 0 ? (guint32) h : 1;
}

/* Large tables are reached at random, one slot per key: with 4 KiB pages
 * nearly every lookup would also miss the TLB. Where the system offers
 * huge pages on request (Linux: transparent_hugepage = madvise), ask for
 * them for the slots. (The stored keys are written one after the other
 * and read back only when two hashes match: small pages do.) */
#define HUGE_PAGE (2u << 20)

static void
ask_huge_pages (void  *p,
                gsize  size)
{
#if defined(G_OS_UNIX) && defined(MADV_HUGEPAGE)
  guintptr from = ((guintptr) p + HUGE_PAGE - 1) & ~(guintptr) (HUGE_PAGE - 1);
  guintptr to = ((guintptr) p + size) & ~(guintptr) (HUGE_PAGE - 1);

  if (to > from)
    madvise ((void *) from, to - from, MADV_HUGEPAGE);
#endif
}

static Slot *
slots_new (gsize n)
{
  gsize size = n * sizeof (Slot);
  Slot *slots;

  if (size < HUGE_PAGE)
    return g_new0 (Slot, n);
  /* Aligned on a huge page, so the whole table can be in huge pages. */
  slots = g_aligned_alloc0 (n, sizeof (Slot), HUGE_PAGE);
  ask_huge_pages (slots, size);
  return slots;
}

static void
slots_free (Slot  *slots,
            gsize  n)
{
  if (n * sizeof (Slot) < HUGE_PAGE)
    g_free (slots);
  else
    g_aligned_free (slots);
}

OdsKeySet *
ods_key_set_new (void)
{
  OdsKeySet *set = g_new0 (OdsKeySet, 1);

  set->n_slots = 64;
  set->slots = slots_new (set->n_slots);
  set->arena_size = 1024;
  set->arena = g_malloc (set->arena_size);
  return set;
}

void
ods_key_set_free (OdsKeySet *set)
{
  if (set == NULL)
    return;
  slots_free (set->slots, set->n_slots);
  g_free (set->arena);
  g_free (set->dense_bits);
  g_free (set->dense_rows);
  g_free (set);
}

guint64
ods_key_set_get_size (OdsKeySet *set)
{
  return set->n_used + set->n_dense;
}

/* Where @key lives in the dense range, if it does: TRUE with *@off set.
 * With @may_grow (inserting), the range opens, or grows to take @key, or
 * closes when it cannot. */
static inline gboolean
dense_place (OdsKeySet  *set,
             const void *key,
             gsize       len,
             gboolean    may_grow,
             guint64    *off)
{
  guint64 k, limit, cap;

  if (len != 8)
    return FALSE;
  memcpy (&k, key, 8);
  if (!set->dense_open)
    {
      if (!may_grow || set->dense_closed)
        return FALSE;
      /* A little room below the first key, for ids not quite in order. */
      set->dense_open = TRUE;
      set->dense_base = k - 64;
    }
  *off = k - set->dense_base;   /* keys below the base wrap far above */
  if (G_LIKELY (*off < set->dense_cap))
    return TRUE;
  if (!may_grow || set->dense_closed)
    return FALSE;

  /* Grow while the range stays at least a quarter used (beyond its first 128 Ki places). */
  limit = 4 * (set->n_dense + 1) + DENSE_SLACK;
  if (*off >= limit)
    {
      set->dense_closed = TRUE;
      return FALSE;
    }
  cap = MAX (MAX (*off + 1, 2 * set->dense_cap), DENSE_MIN_CAP);
  cap = (MIN (cap, limit) + 63) & ~(guint64) 63;
  set->dense_bits = g_renew (guint64, set->dense_bits, cap / 64);
  memset (set->dense_bits + set->dense_cap / 64, 0, (cap - set->dense_cap) / 64 * sizeof (guint64));
  set->dense_rows = g_renew (guint64, set->dense_rows, cap);
  set->dense_cap = cap;
  return TRUE;
}

static inline gboolean
slot_equal (OdsKeySet    *set,
            const Slot   *slot,
            const guint8 *key,
            gsize         len)
{
  const guint8 *entry = set->arena + (gsize) slot->offset * 4;
  guint32 stored_len;

  memcpy (&stored_len, entry, 4);
  return stored_len == len && memcmp (entry + ENTRY_HEADER, key, len) == 0;
}

static void
grow (OdsKeySet *set)
{
  gsize n = set->n_slots * 2;
  Slot *slots = slots_new (n);

  for (gsize i = 0; i < set->n_slots; i++)
    {
      Slot *s = &set->slots[i];
      gsize j;

      if (s->hash == 0)
        continue;
      for (j = s->hash & (n - 1); slots[j].hash != 0; j = (j + 1) & (n - 1))
        ;
      slots[j] = *s;
    }
  slots_free (set->slots, set->n_slots);
  set->slots = slots;
  set->n_slots = n;
}

/* With a few hundred thousand keys the slots no longer fit in the cache,
 * and every insertion would wait for memory: callers that know a key some
 * rows ahead ask for its slot here, so it is there when they insert. */
void
ods_key_set_prefetch (OdsKeySet  *set,
                      const void *key,
                      gsize       len,
                      guint32     hash)
{
  guint64 off;

  if (dense_place (set, key, len, FALSE, &off))
    __builtin_prefetch (&set->dense_bits[off / 64], 1, 1);
  else
    __builtin_prefetch (&set->slots[hash & (set->n_slots - 1)], 1, 1);
}

/**
 * ods_key_set_prefetch_key:
 *
 * ods_key_set_prefetch() without the hash computed first: a key of the
 * dense range needs none.
 *
 * Returns: @key's hash for ods_key_set_insert_hashed(), or 0 when @key is
 * in the dense range (pass the 0 on: the insertion hashes the key if the
 * range cannot take it after all)
 */
guint32
ods_key_set_prefetch_key (OdsKeySet  *set,
                          const void *key,
                          gsize       len)
{
  guint64 off;
  guint32 hash;

  if (dense_place (set, key, len, FALSE, &off))
    {
      __builtin_prefetch (&set->dense_bits[off / 64], 1, 1);
      return 0;
    }
  hash = ods_key_set_hash (key, len);
  __builtin_prefetch (&set->slots[hash & (set->n_slots - 1)], 1, 1);
  return hash;
}

gboolean
ods_key_set_insert (OdsKeySet  *set,
                    const void *key,
                    gsize       len,
                    guint64     row,
                    guint64    *first_row)
{
  return ods_key_set_insert_hashed (set, ods_key_set_hash (key, len), key, len, row, first_row);
}

/* ods_key_set_insert() with @h = ods_key_set_hash (@key, @len), computed
 * earlier (when the slot was prefetched), or 0 to have it computed here
 * when needed (ods_key_set_prefetch_key() for a key of the dense range). */
gboolean
ods_key_set_insert_hashed (OdsKeySet  *set,
                           guint32     h,
                           const void *key,
                           gsize       len,
                           guint64     row,
                           guint64    *first_row)
{
  gsize mask = set->n_slots - 1;
  gsize i, need = (ENTRY_HEADER + len + 3) & ~(gsize) 3;
  guint32 len32 = (guint32) len;
  guint64 off;

  if (dense_place (set, key, len, TRUE, &off))
    {
      guint64 bit = G_GUINT64_CONSTANT (1) << (off % 64);

      if (set->dense_bits[off / 64] & bit)
        {
          if (first_row != NULL)
            *first_row = set->dense_rows[off];
          return FALSE;
        }
      set->dense_bits[off / 64] |= bit;
      set->dense_rows[off] = row;
      set->n_dense++;
      return TRUE;
    }

  if (h == 0)
    h = ods_key_set_hash (key, len);
  for (i = h & mask; set->slots[i].hash != 0; i = (i + 1) & mask)
    if (set->slots[i].hash == h && slot_equal (set, &set->slots[i], key, len))
      {
        if (first_row != NULL)
          memcpy (first_row, set->arena + (gsize) set->slots[i].offset * 4 + 4, 8);
        return FALSE;
      }

  g_return_val_if_fail ((set->arena_len + need) / 4 <= G_MAXUINT32, TRUE);
  if (set->arena_len + need > set->arena_size)
    {
      while (set->arena_len + need > set->arena_size)
        set->arena_size *= 2;
      set->arena = g_realloc (set->arena, set->arena_size);
    }
  set->slots[i].hash = h;
  set->slots[i].offset = (guint32) (set->arena_len / 4);
  memcpy (set->arena + set->arena_len, &len32, 4);
  memcpy (set->arena + set->arena_len + 4, &row, 8);
  memcpy (set->arena + set->arena_len + ENTRY_HEADER, key, len);
  set->arena_len += need;
  set->n_used++;
  if (set->n_used * 4 > set->n_slots * 3)
    grow (set);
  return TRUE;
}

gboolean
ods_key_set_contains (OdsKeySet  *set,
                      const void *key,
                      gsize       len)
{
  guint32 h;
  gsize mask = set->n_slots - 1;
  guint64 off;

  if (dense_place (set, key, len, FALSE, &off))
    return (set->dense_bits[off / 64] >> (off % 64)) & 1;
  h = ods_key_set_hash (key, len);
  for (gsize i = h & mask; set->slots[i].hash != 0; i = (i + 1) & mask)
    if (set->slots[i].hash == h && slot_equal (set, &set->slots[i], key, len))
      return TRUE;
  return FALSE;
}
