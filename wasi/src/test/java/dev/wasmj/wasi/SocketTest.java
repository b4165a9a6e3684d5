package dev.wasmj.wasi;

import static dev.wasmj.wasi.Errnos.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** sock_accept, sock_recv, sock_send, sock_shutdown and fd_read/fd_write on a real loopback listener (fd 3). */
class SocketTest {
    static final int LISTENER = 3;
    static final int NONBLOCK = 4;

    ServerSocketChannel listener;
    WasiGuest guest;

    @BeforeEach
    void setUp() throws IOException {
        listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        guest = new WasiGuest(new WasiConfig().tcpListener(listener));
    }

    @AfterEach
    void tearDown() {
        guest.close();
    }

    Socket connect() throws IOException {
        Socket client = new Socket(InetAddress.getLoopbackAddress(), ((InetSocketAddress) listener.getLocalAddress()).getPort());
        client.setSoTimeout(10_000);
        return client;
    }

    int accept(int flags) {
        assertThat(guest.call("sock_accept", LISTENER, flags, 8)).isEqualTo(SUCCESS);
        return guest.i32(8);
    }

    String recv(int fd, int length, int flags) {
        guest.iovec(16, 1000, length);
        assertThat(guest.call("sock_recv", fd, 16, 1, flags, 8, 12)).isEqualTo(SUCCESS);
        assertThat(guest.u16(12)).as("ro_flags").isZero();
        return guest.readString(1000, guest.i32(8));
    }

    int send(int fd, String text) {
        int len = guest.writeString(2000, text);
        guest.iovec(24, 2000, len);
        assertThat(guest.call("sock_send", fd, 24, 1, 0, 8)).isEqualTo(SUCCESS);
        return guest.i32(8);
    }

    @Test
    void acceptSendReceiveShutdown() throws Exception {
        try (Socket client = connect()) {
            int fd = accept(0);
            assertThat(fd).isEqualTo(4);
            assertThat(guest.call("fd_fdstat_get", fd, 100)).isEqualTo(SUCCESS);
            assertThat(guest.u8(100)).isEqualTo(6);
            assertThat(send(fd, "hello")).isEqualTo(5);
            assertThat(new String(client.getInputStream().readNBytes(5), StandardCharsets.UTF_8)).isEqualTo("hello");
            client.getOutputStream().write("world".getBytes(StandardCharsets.UTF_8));
            assertThat(recv(fd, 100, 0)).isEqualTo("world");
            // fd_write and fd_read work on sockets too
            assertThat(guest.fdWrite(fd, "via fd_write")).isEqualTo(SUCCESS);
            assertThat(new String(client.getInputStream().readNBytes(12), StandardCharsets.UTF_8)).isEqualTo("via fd_write");
            client.getOutputStream().write("x".getBytes(StandardCharsets.UTF_8));
            guest.iovec(16, 1000, 10);
            assertThat(guest.call("fd_read", fd, 16, 1, 8)).isEqualTo(SUCCESS);
            assertThat(guest.readString(1000, guest.i32(8))).isEqualTo("x");
            assertThat(guest.call("sock_shutdown", fd, 2)).isEqualTo(SUCCESS);
            assertThat(client.getInputStream().read()).as("end of stream after SHUT_WR").isEqualTo(-1);
            client.shutdownOutput();
            assertThat(recv(fd, 10, 0)).as("the peer's end").isEmpty();
            assertThat(guest.call("fd_close", fd)).isEqualTo(SUCCESS);
        }
    }

    @Test
    void peekLeavesTheBytesAndWaitallWaitsForAll() throws Exception {
        try (Socket client = connect()) {
            int fd = accept(0);
            client.getOutputStream().write("abc".getBytes(StandardCharsets.UTF_8));
            assertThat(recv(fd, 10, 1)).isEqualTo("abc");
            assertThat(recv(fd, 10, 1)).isEqualTo("abc");
            assertThat(recv(fd, 2, 0)).isEqualTo("ab");
            assertThat(recv(fd, 10, 0)).isEqualTo("c");
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    client.getOutputStream().write("12".getBytes(StandardCharsets.UTF_8));
                    Thread.sleep(50);
                    client.getOutputStream().write("34".getBytes(StandardCharsets.UTF_8));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            assertThat(recv(fd, 4, 2)).isEqualTo("1234");
            writer.join();
        }
    }

    @Test
    void nonblockingListenerAndSocket() throws Exception {
        assertThat(guest.call("fd_fdstat_set_flags", LISTENER, NONBLOCK)).isEqualTo(SUCCESS);
        assertThat(guest.call("sock_accept", LISTENER, 0, 8)).isEqualTo(AGAIN);
        try (Socket client = connect()) {
            long deadline = System.nanoTime() + 5_000_000_000L;
            int errno;
            do {
                errno = guest.call("sock_accept", LISTENER, NONBLOCK, 8);
            } while (errno == AGAIN && System.nanoTime() < deadline);
            assertThat(errno).isEqualTo(SUCCESS);
            int fd = guest.i32(8);
            assertThat(guest.call("fd_fdstat_get", fd, 100)).isEqualTo(SUCCESS);
            assertThat(guest.u16(102)).isEqualTo(NONBLOCK);
            guest.iovec(16, 1000, 10);
            assertThat(guest.call("sock_recv", fd, 16, 1, 0, 8, 12)).isEqualTo(AGAIN);
            assertThat(guest.call("fd_read", fd, 16, 1, 8)).isEqualTo(AGAIN);
        }
    }

    @Test
    void pollReportsPendingConnectionsDataAndHangup() throws Exception {
        try (Socket client = connect()) {
            PollOneoffTest.fd(guest, 0, 1, 1, LISTENER);
            PollOneoffTest.clock(guest, 1, 2, 1, 10_000_000_000L, 0);
            assertThat(PollOneoffTest.poll(guest, 2)).containsOnlyKeys(1L);
            int fd = accept(0);
            PollOneoffTest.fd(guest, 0, 3, 1, fd);
            PollOneoffTest.fd(guest, 1, 4, 2, fd);
            PollOneoffTest.clock(guest, 2, 5, 1, 10_000_000_000L, 0);
            assertThat(PollOneoffTest.poll(guest, 3)).as("writable, nothing to read").containsOnlyKeys(4L);
            client.getOutputStream().write("data".getBytes(StandardCharsets.UTF_8));
            PollOneoffTest.fd(guest, 0, 3, 1, fd);
            PollOneoffTest.clock(guest, 1, 5, 1, 10_000_000_000L, 0);
            var events = PollOneoffTest.poll(guest, 2);
            assertThat(events).containsOnlyKeys(3L);
            assertThat(events.get(3L).nbytes()).isEqualTo(4);
            assertThat(recv(fd, 10, 0)).isEqualTo("data");
            client.close();
            events = PollOneoffTest.poll(guest, 2);
            assertThat(events).containsOnlyKeys(3L);
            assertThat(events.get(3L).flags()).as("hangup").isEqualTo(1);
        }
    }

    @Test
    void socketFunctionsOnOtherDescriptors() throws Exception {
        guest.iovec(16, 1000, 10);
        assertThat(guest.call("sock_recv", 1, 16, 1, 0, 8, 12)).isEqualTo(NOTSOCK);
        assertThat(guest.call("sock_send", 1, 16, 1, 0, 8)).isEqualTo(NOTSOCK);
        assertThat(guest.call("sock_accept", 1, 0, 8)).isEqualTo(NOTSOCK);
        assertThat(guest.call("sock_shutdown", 1, 1)).isEqualTo(NOTSOCK);
        assertThat(guest.call("sock_recv", LISTENER, 16, 1, 0, 8, 12)).isEqualTo(NOTCONN);
        assertThat(guest.call("sock_accept", 9, 0, 8)).isEqualTo(BADF);
        try (Socket client = connect()) {
            int fd = accept(0);
            assertThat(guest.call("sock_shutdown", fd, 0)).isEqualTo(INVAL);
            assertThat(guest.call("sock_shutdown", fd, 4)).isEqualTo(INVAL);
            assertThat(guest.call("sock_recv", fd, 16, 1, 4, 8, 12)).as("unknown ri_flags").isEqualTo(INVAL);
            assertThat(guest.call("sock_send", fd, 16, 1, 1, 8)).as("no si_flags exist").isEqualTo(INVAL);
            assertThat(guest.call("sock_accept", LISTENER, 1, 8)).as("accept flags other than NONBLOCK").isEqualTo(INVAL);
            assertThat(guest.call("fd_seek", fd, 0, 0, 8)).isEqualTo(SPIPE);
        }
    }
}
