/* Sorting: n pseudo-random integers sorted with a hand-written quicksort (median of three,
 * insertion sort below 16 elements), then n/4 key-payload records sorted by a heapsort
 * through a comparison function pointer (call_indirect). */
#include "bench.h"

#define MAX (1u << 18)

static int32_t data[MAX];

struct record { uint32_t key; uint32_t payload; };
static struct record records[MAX / 4];

static void insertion_sort(int32_t *a, int lo, int hi) {
  for (int i = lo + 1; i <= hi; i++) {
    int32_t v = a[i];
    int j = i - 1;
    while (j >= lo && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

static void swap(int32_t *a, int i, int j) {
  int32_t t = a[i];
  a[i] = a[j];
  a[j] = t;
}

static void quicksort(int32_t *a, int lo, int hi) {
  while (hi - lo >= 16) {
    int mid = lo + (hi - lo) / 2;
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    int32_t pivot = a[mid];
    int i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) swap(a, i++, j--);
    }
    /* recurse into the smaller part, loop on the larger: the stack stays O(log n) */
    if (j - lo < hi - i) {
      quicksort(a, lo, j);
      lo = i;
    } else {
      quicksort(a, i, hi);
      hi = j;
    }
  }
  insertion_sort(a, lo, hi);
}

typedef int (*compare_fn)(const struct record *, const struct record *);

static int by_key(const struct record *x, const struct record *y) {
  if (x->key != y->key) return x->key < y->key ? -1 : 1;
  return x->payload < y->payload ? -1 : x->payload > y->payload;
}

static int by_key_descending(const struct record *x, const struct record *y) {
  return by_key(y, x);
}

static void sift_down(struct record *a, int root, int end, compare_fn cmp) {
  while (2 * root + 1 < end) {
    int child = 2 * root + 1;
    if (child + 1 < end && cmp(&a[child], &a[child + 1]) < 0) child++;
    if (cmp(&a[root], &a[child]) >= 0) return;
    struct record t = a[root];
    a[root] = a[child];
    a[child] = t;
    root = child;
  }
}

static void heapsort(struct record *a, int count, compare_fn cmp) {
  for (int i = count / 2 - 1; i >= 0; i--) sift_down(a, i, count, cmp);
  for (int end = count - 1; end > 0; end--) {
    struct record t = a[0];
    a[0] = a[end];
    a[end] = t;
    sift_down(a, 0, end, cmp);
  }
}

/* the comparator is chosen at run time, so the compiler cannot inline the indirect call */
static volatile int descending = 0;

uint32_t run(uint32_t n) {
  if (n > MAX) n = MAX;
  uint32_t seed = 88172645u;
  for (uint32_t i = 0; i < n; i++) data[i] = (int32_t)xorshift32(&seed);
  quicksort(data, 0, (int)n - 1);
  uint32_t hash = FOLD_INIT;
  for (uint32_t i = 1; i < n; i++)
    if (data[i - 1] > data[i]) return 0;   /* not sorted: a wrong checksum */
  for (uint32_t i = 0; i < n; i += 61) hash = fold(hash, (uint32_t)data[i]);

  uint32_t count = n / 4;
  for (uint32_t i = 0; i < count; i++) {
    records[i].key = xorshift32(&seed) % 1000;
    records[i].payload = i;
  }
  heapsort(records, (int)count, descending ? by_key_descending : by_key);
  for (uint32_t i = 0; i < count; i += 17) hash = fold(hash, records[i].key * 65536 + records[i].payload);
  return hash;
}
