/* The SQLite example's driver: creates a database file, fills a table with pseudo-random rows
 * and queries it, printing the results.
 *
 *   driver DATABASE [ROWS]      (ROWS defaults to 100000)
 *
 * DATABASE is replaced if it exists. Standard output is deterministic: the same on every platform
 * and every run (the rows come from a fixed-seed generator, the values are formatted by SQLite
 * itself), so a native build and a WebAssembly build must print exactly the same. Standard error
 * gets the time the work took ("kernel: 1234.567 ms"), from opening the database to closing it,
 * so a benchmark sees the engine's speed apart from its start-up. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sqlite3.h"

static sqlite3 *db;

static void fail(const char *what) {
  fprintf(stderr, "driver: %s: %s\n", what, db ? sqlite3_errmsg(db) : "out of memory");
  exit(1);
}

static void check(int rc, const char *what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) fail(what);
}

static void exec(const char *sql) {
  check(sqlite3_exec(db, sql, NULL, NULL, NULL), sql);
}

/* Runs a query and prints a heading and each row, columns separated by '|'. */
static void query(const char *heading, const char *sql) {
  sqlite3_stmt *stmt;
  check(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), sql);
  printf("%s\n", heading);
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    printf("  ");
    for (int i = 0; i < sqlite3_column_count(stmt); i++) {
      const unsigned char *text = sqlite3_column_text(stmt, i);
      printf("%s%s", i ? "|" : "", text ? (const char *) text : "NULL");
    }
    printf("\n");
  }
  check(rc, sql);
  sqlite3_finalize(stmt);
}

/* Whether SQLite's plan for a query searches the given index. */
static int plan_uses_index(const char *sql, const char *index) {
  char *explain = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
  sqlite3_stmt *stmt;
  check(sqlite3_prepare_v2(db, explain, -1, &stmt, NULL), explain);
  int uses = 0;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    const char *detail = (const char *) sqlite3_column_text(stmt, 3);
    if (detail && strstr(detail, index)) uses = 1;
  }
  check(rc, explain);
  sqlite3_finalize(stmt);
  sqlite3_free(explain);
  return uses;
}

/* A 64-bit linear congruential generator (Knuth's MMIX constants), fixed seed: the same rows on
 * every platform. Returns the high 32 bits, the well-mixed ones. */
static uint64_t lcg_state = 20261121;

static uint32_t next_random(void) {
  lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
  return (uint32_t) (lcg_state >> 32);
}

/* A pronounceable name of 2 to 4 syllables. */
static void random_name(char *name) {
  static const char *const syllables[] = {
      "ka", "lo", "mi", "ru", "sa", "te", "vo", "zu", "ban", "dor", "fel", "gim", "hus", "nor", "pek", "tal",
  };
  int count = 2 + next_random() % 3;
  name[0] = 0;
  for (int i = 0; i < count; i++) strcat(name, syllables[next_random() % 16]);
}

static void insert_rows(int rows) {
  exec("CREATE TABLE items("
       " id INTEGER PRIMARY KEY,"
       " category INTEGER NOT NULL,"
       " name TEXT NOT NULL,"
       " price_cents INTEGER NOT NULL,"
       " quantity INTEGER NOT NULL,"
       " weight REAL NOT NULL)");
  exec("BEGIN");
  sqlite3_stmt *insert;
  const char *sql = "INSERT INTO items(id, category, name, price_cents, quantity, weight) VALUES (?, ?, ?, ?, ?, ?)";
  check(sqlite3_prepare_v2(db, sql, -1, &insert, NULL), sql);
  char name[32];
  for (int id = 1; id <= rows; id++) {
    random_name(name);
    sqlite3_bind_int(insert, 1, id);
    sqlite3_bind_int(insert, 2, next_random() % 12);
    sqlite3_bind_text(insert, 3, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(insert, 4, 100 + next_random() % 99900);
    sqlite3_bind_int(insert, 5, next_random() % 1000);
    sqlite3_bind_double(insert, 6, (next_random() % 1000000) / 1024.0);
    check(sqlite3_step(insert), "insert");
    check(sqlite3_reset(insert), "insert");
  }
  sqlite3_finalize(insert);
  exec("COMMIT");
}

static void run_queries(void) {
  query("count:", "SELECT count(*) FROM items");
  query("totals (quantity, price_cents, min, max, avg weight):",
        "SELECT sum(quantity), sum(price_cents), min(price_cents), max(price_cents), printf('%.6f', avg(weight))"
        " FROM items");
  query("per category (category, rows, quantity, revenue):",
        "SELECT category, count(*), sum(quantity), sum(quantity * price_cents) FROM items"
        " GROUP BY category ORDER BY category");
  query("most expensive (id, name, price_cents):",
        "SELECT id, name, price_cents FROM items ORDER BY price_cents DESC, id LIMIT 5");
  query("names containing 'dor' and 'ka':",
        "SELECT count(*) FROM items WHERE name LIKE '%dor%' AND name LIKE '%ka%'");
  query("longest names (length, rows):",
        "SELECT length(name), count(*) FROM items GROUP BY length(name) ORDER BY length(name) DESC LIMIT 3");

  exec("CREATE INDEX items_by_name ON items(name)");
  const char *by_name = "SELECT count(*), sum(quantity) FROM items WHERE name >= 'ban' AND name < 'bao'";
  printf("index items_by_name used: %s\n", plan_uses_index(by_name, "items_by_name") ? "yes" : "no");
  query("names starting with 'ban' (rows, quantity):", by_name);
  query("first names in order (name, rows):",
        "SELECT name, count(*) FROM items GROUP BY name ORDER BY name LIMIT 3");

  exec("BEGIN");
  exec("UPDATE items SET quantity = quantity + 1 WHERE category = 3");
  printf("updated: %d\n", sqlite3_changes(db));
  exec("DELETE FROM items WHERE price_cents < 5000");
  printf("deleted: %d\n", sqlite3_changes(db));
  exec("COMMIT");
  query("after update and delete (rows, quantity):", "SELECT count(*), sum(quantity) FROM items");
  query("integrity check:", "PRAGMA integrity_check");
}

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int main(int argc, char **argv) {
  if (argc < 2 || argc > 3) {
    fprintf(stderr, "usage: %s DATABASE [ROWS]\n", argv[0]);
    return 2;
  }
  const char *path = argv[1];
  int rows = argc == 3 ? atoi(argv[2]) : 100000;
  printf("SQLite %s\n", sqlite3_libversion());
  printf("rows: %d\n", rows);

  double start = now_ms();
  unlink(path);
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) fail(path);
  insert_rows(rows);
  run_queries();
  check(sqlite3_close(db), "close");
  fprintf(stderr, "kernel: %.3f ms\n", now_ms() - start);
  return 0;
}
