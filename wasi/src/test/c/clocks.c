/*
 * clocks: the four clocks, their resolutions, sleeping, and an unknown clock id.
 * WASI: clock_res_get, clock_time_get, poll_oneoff (nanosleep: one relative clock subscription).
 * Prints properties only (never a time): exit status 0.
 */
#include <time.h>
#include "common.h"

static const char *const NAMES[] = {"realtime", "monotonic", "process_cputime", "thread_cputime"};

static __wasi_timestamp_t now(__wasi_clockid_t clock) {
    __wasi_timestamp_t t = 0;
    if (__wasi_clock_time_get(clock, 1, &t) != __WASI_ERRNO_SUCCESS) {
        return 0;
    }
    return t;
}

int main(void) {
    for (__wasi_clockid_t id = 0; id < 4; id++) {
        char what[64];
        __wasi_timestamp_t res = 0, t1 = 0, t2 = 0;
        snprintf(what, sizeof what, "clock_res_get %s", NAMES[id]);
        report(what, __wasi_clock_res_get(id, &res));
        printf("%s resolution is positive and at most 1s: %s\n", NAMES[id], yes(res > 0 && res <= 1000000000ull));
        snprintf(what, sizeof what, "clock_time_get %s", NAMES[id]);
        report(what, __wasi_clock_time_get(id, 1000, &t1));
        volatile unsigned spin = 0;
        for (int i = 0; i < 100000; i++) {
            spin += i;
        }
        (void) spin;
        (void) __wasi_clock_time_get(id, 1000, &t2);
        printf("%s does not go backwards: %s\n", NAMES[id], yes(t2 >= t1));
    }
    /* 2020-01-01T00:00:00Z .. 2200-01-01T00:00:00Z */
    __wasi_timestamp_t wall = now(__WASI_CLOCKID_REALTIME);
    property("realtime is a plausible date", wall > 1577836800ull * 1000000000ull && wall < 7258118400ull * 1000000000ull);
    property("time() agrees with realtime", (unsigned long long) time(NULL) >= wall / 1000000000ull);

    __wasi_timestamp_t before = now(__WASI_CLOCKID_MONOTONIC);
    struct timespec ten_ms = {0, 10 * 1000 * 1000};
    printf("nanosleep 10ms: %d\n", nanosleep(&ten_ms, NULL));
    __wasi_timestamp_t after = now(__WASI_CLOCKID_MONOTONIC);
    property("monotonic advanced by at least 10ms", after - before >= 10ull * 1000 * 1000);

    struct timespec ts;
    property("clock_gettime(CLOCK_MONOTONIC) succeeds", clock_gettime(CLOCK_MONOTONIC, &ts) == 0);

    __wasi_timestamp_t t;
    report("clock_time_get of clock 4", __wasi_clock_time_get(4, 1, &t));
    report("clock_res_get of clock 99", __wasi_clock_res_get(99, &t));
    return 0;
}
