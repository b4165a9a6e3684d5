/*
 * poll: poll_oneoff with clock subscriptions (relative, absolute, several), fd readiness (stdin
 * with data, stdout, a regular file, a bad descriptor), both at once; sched_yield.
 * Preopen "/sandbox" (empty); stdin: a non-empty text (not a terminal).
 * WASI: poll_oneoff, sched_yield, clock_time_get, path_open, fd_read.
 * Exit status 0.
 */
#include <poll.h>
#include <time.h>
#include "common.h"

#define MS (1000ull * 1000ull)

static __wasi_timestamp_t monotonic(void) {
    __wasi_timestamp_t t = 0;
    (void) __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t);
    return t;
}

static __wasi_subscription_t clock_sub(__wasi_userdata_t userdata, __wasi_clockid_t id, __wasi_timestamp_t timeout,
                                       __wasi_subclockflags_t flags) {
    __wasi_subscription_t s;
    memset(&s, 0, sizeof s);
    s.userdata = userdata;
    s.u.tag = __WASI_EVENTTYPE_CLOCK;
    s.u.u.clock.id = id;
    s.u.u.clock.timeout = timeout;
    s.u.u.clock.precision = 0;
    s.u.u.clock.flags = flags;
    return s;
}

static __wasi_subscription_t fd_sub(__wasi_userdata_t userdata, __wasi_eventtype_t type, __wasi_fd_t fd) {
    __wasi_subscription_t s;
    memset(&s, 0, sizeof s);
    s.userdata = userdata;
    s.u.tag = type;
    if (type == __WASI_EVENTTYPE_FD_READ) {
        s.u.u.fd_read.file_descriptor = fd;
    } else {
        s.u.u.fd_write.file_descriptor = fd;
    }
    return s;
}

static const char *type_name(__wasi_eventtype_t t) {
    return t == __WASI_EVENTTYPE_CLOCK ? "clock" : t == __WASI_EVENTTYPE_FD_READ ? "fd_read" : t == __WASI_EVENTTYPE_FD_WRITE ? "fd_write" : "?";
}

/* Polls and prints the events sorted by userdata. */
static __wasi_size_t poll_print(const char *what, const __wasi_subscription_t *subs, size_t n) {
    __wasi_event_t events[8];
    memset(events, 0xEE, sizeof events);
    __wasi_size_t got = 0;
    report(what, __wasi_poll_oneoff(subs, events, n, &got));
    for (__wasi_size_t i = 0; i < got; i++) {
        for (__wasi_size_t j = i + 1; j < got; j++) {
            if (events[j].userdata < events[i].userdata) {
                __wasi_event_t t = events[i];
                events[i] = events[j];
                events[j] = t;
            }
        }
    }
    printf("events: %u\n", (unsigned) got);
    for (__wasi_size_t i = 0; i < got; i++) {
        printf("  userdata %llu, %s, error %s", (unsigned long long) events[i].userdata, type_name(events[i].type), errname(events[i].error));
        if (events[i].type == __WASI_EVENTTYPE_FD_READ && events[i].error == 0) {
            /* nbytes: bytes available to read (for a write, what it means varies) */
            printf(", nbytes > 0: %s, hangup: %s", yes(events[i].fd_readwrite.nbytes > 0),
                   yes(events[i].fd_readwrite.flags & __WASI_EVENTRWFLAGS_FD_READWRITE_HANGUP));
        }
        printf("\n");
    }
    return got;
}

int main(void) {
    __wasi_timestamp_t start = monotonic();
    __wasi_subscription_t one = clock_sub(7, __WASI_CLOCKID_MONOTONIC, 20 * MS, 0);
    poll_print("relative 20ms", &one, 1);
    property("at least 20ms passed", monotonic() - start >= 20 * MS);

    start = monotonic();
    __wasi_subscription_t abs = clock_sub(8, __WASI_CLOCKID_MONOTONIC, start + 15 * MS, __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME);
    poll_print("absolute now+15ms", &abs, 1);
    property("the deadline has passed", monotonic() >= start + 15 * MS);

    __wasi_subscription_t past = clock_sub(9, __WASI_CLOCKID_MONOTONIC, 1, __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME);
    poll_print("absolute deadline in the past", &past, 1);

    start = monotonic();
    __wasi_subscription_t two[2] = {
        clock_sub(1, __WASI_CLOCKID_MONOTONIC, 10 * 1000 * MS, 0),
        clock_sub(2, __WASI_CLOCKID_MONOTONIC, 10 * MS, 0),
    };
    poll_print("two clocks, 10s and 10ms", two, 2);
    property("returned well before 10s", monotonic() - start < 5000 * MS);

    __wasi_subscription_t realtime = clock_sub(3, __WASI_CLOCKID_REALTIME, 5 * MS, 0);
    poll_print("realtime relative 5ms", &realtime, 1);

    /* fd readiness: stdin has data, stdout is writable, a regular file is always ready */
    __wasi_fd_t file;
    int dir = preopen_fd("/sandbox");
    report("create f.txt", open_at((__wasi_fd_t) dir, "f.txt", __WASI_OFLAGS_CREAT, 0, &file));
    report("write to it", write_text(file, "0123456789"));
    __wasi_filesize_t pos;
    report("seek to 0", __wasi_fd_seek(file, 0, __WASI_WHENCE_SET, &pos));
    start = monotonic();
    __wasi_subscription_t many[5] = {
        clock_sub(10, __WASI_CLOCKID_MONOTONIC, 10 * 1000 * MS, 0),
        fd_sub(11, __WASI_EVENTTYPE_FD_READ, 0),
        fd_sub(12, __WASI_EVENTTYPE_FD_WRITE, 1),
        fd_sub(13, __WASI_EVENTTYPE_FD_READ, file),
        fd_sub(14, __WASI_EVENTTYPE_FD_WRITE, file),
    };
    poll_print("clock 10s + stdin read + stdout write + file read + file write", many, 5);
    property("returned well before 10s", monotonic() - start < 5000 * MS);

    __wasi_subscription_t bad[2] = {
        fd_sub(20, __WASI_EVENTTYPE_FD_READ, NO_FD),
        clock_sub(21, __WASI_CLOCKID_MONOTONIC, 10 * 1000 * MS, 0),
    };
    start = monotonic();
    poll_print("read on a bad descriptor + clock 10s", bad, 2);
    property("returned well before 10s", monotonic() - start < 5000 * MS);

    /* an unknown clock: refused, either by the call or in the event */
    __wasi_subscription_t badclock = clock_sub(30, 99, 1, 0);
    __wasi_event_t ev;
    __wasi_size_t got = 0;
    __wasi_errno_t e = __wasi_poll_oneoff(&badclock, &ev, 1, &got);
    property("clock 99 is refused with INVAL", e == __WASI_ERRNO_INVAL || (e == 0 && got == 1 && ev.error == __WASI_ERRNO_INVAL));

    report("no subscriptions", __wasi_poll_oneoff(&one, &ev, 0, &got));

    /* through wasi-libc: poll() on stdin and stdout */
    struct pollfd fds[2] = {{0, POLLRDNORM, 0}, {1, POLLWRNORM, 0}};
    int ready = poll(fds, 2, 1000);
    printf("poll: %d ready, stdin readable %s, stdout writable %s\n", ready, yes(fds[0].revents & POLLRDNORM), yes(fds[1].revents & POLLWRNORM));

    for (int i = 0; i < 3; i++) {
        report("sched_yield", __wasi_sched_yield());
    }
    return 0;
}
