/*
 * sockets: a TCP conversation on a listening socket the host hands in as descriptor 3 (no
 * preopens). The host connects one client, which sends "ping\n" and then "bye\n" after it
 * has read the guest's reply, and closes after reading "pong\n".
 * WASI: sock_accept, sock_recv (with RECV_PEEK), sock_send, sock_shutdown, fd_fdstat_get,
 * fd_fdstat_set_flags, poll_oneoff on a socket, fd_close.
 * Exit status 0.
 */
#include "common.h"

static const char *type_name(__wasi_filetype_t t) {
    return t == __WASI_FILETYPE_SOCKET_STREAM ? "stream socket" : t == __WASI_FILETYPE_DIRECTORY ? "directory" : "other";
}

static __wasi_errno_t send_text(__wasi_fd_t fd, const char *text) {
    __wasi_ciovec_t iov = {(const uint8_t *) text, strlen(text)};
    __wasi_size_t sent = 0;
    __wasi_errno_t e = __wasi_sock_send(fd, &iov, 1, 0, &sent);
    printf("sent %u bytes\n", (unsigned) sent);
    return e;
}

/* Receives until `want` bytes or the end; prints them. */
static void recv_text(__wasi_fd_t fd, size_t want, __wasi_riflags_t flags) {
    char buf[64] = {0};
    size_t got = 0;
    __wasi_errno_t e = 0;
    while (got < want) {
        __wasi_iovec_t iov = {(uint8_t *) buf + got, want - got};
        __wasi_size_t n = 0;
        __wasi_roflags_t roflags = 0;
        e = __wasi_sock_recv(fd, &iov, 1, flags, &n, &roflags);
        if (e != 0 || n == 0) {
            break;
        }
        got += n;
        if (flags & __WASI_RIFLAGS_RECV_PEEK) {
            break; /* peeking again would see the same bytes */
        }
    }
    buf[strcspn(buf, "\n")] = 0;
    printf("sock_recv%s: %s, \"%s\"\n", flags & __WASI_RIFLAGS_RECV_PEEK ? " PEEK" : "", errname(e), buf);
}

int main(void) {
    const __wasi_fd_t listener = 3;
    __wasi_fdstat_t st;
    report("fdstat_get 3", __wasi_fd_fdstat_get(listener, &st));
    printf("3 is a %s\n", type_name(st.fs_filetype));
    property("3 may accept", st.fs_rights_base & __WASI_RIGHTS_SOCK_ACCEPT);
    __wasi_prestat_t prestat;
    report("prestat_get 3", __wasi_fd_prestat_get(listener, &prestat));

    /* wait until the client is there: the listener becomes readable */
    __wasi_subscription_t sub;
    memset(&sub, 0, sizeof sub);
    sub.userdata = 42;
    sub.u.tag = __WASI_EVENTTYPE_FD_READ;
    sub.u.u.fd_read.file_descriptor = listener;
    __wasi_event_t ev;
    __wasi_size_t nev;
    report("poll_oneoff for a connection", __wasi_poll_oneoff(&sub, &ev, 1, &nev));
    printf("events: %u, userdata %llu, error %s\n", (unsigned) nev, (unsigned long long) ev.userdata, errname(ev.error));

    __wasi_fd_t conn = NO_FD;
    report("sock_accept", __wasi_sock_accept(listener, 0, &conn));
    report("fdstat_get of the connection", __wasi_fd_fdstat_get(conn, &st));
    printf("the connection is a %s\n", type_name(st.fs_filetype));

    recv_text(conn, 5, __WASI_RIFLAGS_RECV_PEEK);
    recv_text(conn, 5, 0);
    report("sock_send pong", send_text(conn, "pong\n"));
    recv_text(conn, 4, __WASI_RIFLAGS_RECV_WAITALL);

    /* nobody else is connecting: a non-blocking listener says so */
    report("set listener NONBLOCK", __wasi_fd_fdstat_set_flags(listener, __WASI_FDFLAGS_NONBLOCK));
    __wasi_fd_t none;
    report("sock_accept with nobody waiting", __wasi_sock_accept(listener, 0, &none));

    report("sock_shutdown WR", __wasi_sock_shutdown(conn, __WASI_SDFLAGS_WR));
    report("sock_send after shutdown WR", send_text(conn, "late\n"));
    /* the client closes after our shutdown: the end of the stream */
    recv_text(conn, 10, 0);
    report("sock_shutdown 0 (no flags)", __wasi_sock_shutdown(conn, 0));
    report("close the connection", __wasi_fd_close(conn));

    report("sock_accept on stdin", __wasi_sock_accept(0, 0, &none));
    report("sock_recv on a closed descriptor", __wasi_sock_recv(conn, NULL, 0, 0, &nev, &(__wasi_roflags_t){0}));
    report("sock_shutdown on the listener", __wasi_sock_shutdown(listener, __WASI_SDFLAGS_RD));
    return 0;
}
