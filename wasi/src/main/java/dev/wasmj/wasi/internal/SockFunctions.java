package dev.wasmj.wasi.internal;

import java.nio.channels.SocketChannel;

/**
 * {@code sock_accept}, {@code sock_recv}, {@code sock_send}, {@code sock_shutdown} on the
 * listening sockets the host hands in and the connections accepted from them. A descriptor that
 * is no socket is {@code ENOTSOCK}; a listener where a connection is needed {@code ENOTCONN}.
 */
final class SockFunctions {
    private static final int RECV_PEEK = 1;
    private static final int RECV_WAITALL = 2;
    private static final int SHUT_RD = 1;
    private static final int SHUT_WR = 2;

    private SockFunctions() {}

    private static SocketDescriptor connected(WasiCall c, int fd, long rights) throws ErrnoException {
        Descriptor d = c.table().get(fd);
        if (d instanceof SocketDescriptor socket) {
            DescriptorTable.requireRights(d, rights);
            return socket;
        }
        throw new ErrnoException(d instanceof ListenerDescriptor ? Errno.NOTCONN : Errno.NOTSOCK);
    }

    /** {@code sock_accept}: the flags may be NONBLOCK (for the new socket); EAGAIN if the listener is NONBLOCK and nothing waits. */
    static int accept(WasiCall c) throws ErrnoException {
        int resultPtr = c.i32(2);
        c.memory().check(resultPtr, 4);
        int flags = WasiCall.flags(c.u16(1), Descriptor.NONBLOCK);
        Descriptor d = c.table().get(c.i32(0));
        if (!(d instanceof ListenerDescriptor listener)) {
            throw new ErrnoException(d instanceof SocketDescriptor ? Errno.INVAL : Errno.NOTSOCK);
        }
        DescriptorTable.requireRights(d, Rights.SOCK_ACCEPT);
        c.table().checkRoom();
        SocketChannel channel = listener.accept(c.state());
        SocketDescriptor socket = new SocketDescriptor(channel, flags);
        try {
            c.memory().putI32(resultPtr, c.table().add(socket));
        } catch (ErrnoException e) {
            socket.close();
            throw e;
        }
        return 0;
    }

    /** {@code sock_recv}: ri_flags PEEK and WAITALL; ro_flags is always 0 (no datagrams, nothing is truncated). */
    static int recv(WasiCall c) throws ErrnoException {
        GuestMemory m = c.memory();
        int lengthPtr = c.i32(4);
        int flagsPtr = c.i32(5);
        m.check(lengthPtr, 4);
        m.check(flagsPtr, 2);
        Iovecs iovs = Iovecs.of(m, c.i32(1), c.i32(2));
        int flags = WasiCall.flags(c.u16(3), RECV_PEEK | RECV_WAITALL);
        SocketDescriptor socket = connected(c, c.i32(0), Rights.FD_READ);
        long n = socket.receive(iovs, (flags & RECV_PEEK) != 0, (flags & RECV_WAITALL) != 0, c.state());
        m.putI32(lengthPtr, (int) n);
        m.putU16(flagsPtr, 0);
        return 0;
    }

    /** {@code sock_send}: no si_flags are defined, so any is EINVAL. */
    static int send(WasiCall c) throws ErrnoException {
        GuestMemory m = c.memory();
        int lengthPtr = c.i32(4);
        m.check(lengthPtr, 4);
        Iovecs iovs = Iovecs.of(m, c.i32(1), c.i32(2));
        WasiCall.flags(c.u16(3), 0);
        SocketDescriptor socket = connected(c, c.i32(0), Rights.FD_WRITE);
        m.putI32(lengthPtr, (int) socket.write(iovs, c.state()));
        return 0;
    }

    /** {@code sock_shutdown}: RD, WR or both; none is EINVAL. */
    static int shutdown(WasiCall c) throws ErrnoException {
        int how = WasiCall.flags(c.u8(1), SHUT_RD | SHUT_WR);
        if (how == 0) {
            throw new ErrnoException(Errno.INVAL, "shut down nothing");
        }
        connected(c, c.i32(0), Rights.SOCK_SHUTDOWN).shutdown(how);
        return 0;
    }
}
