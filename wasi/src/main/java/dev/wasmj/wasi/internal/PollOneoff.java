package dev.wasmj.wasi.internal;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code poll_oneoff}: waits until at least one subscription is ready and reports every ready
 * one. Clock subscriptions (REALTIME or MONOTONIC, relative or ABSTIME) are ready at their
 * deadline. fd_read/fd_write subscriptions: regular files are always ready ({@code nbytes} =
 * bytes left to read), stdout and stderr always writable, stdin when bytes are there or at its
 * end (HANGUP), sockets and listeners as their selector says. A subscription on a bad
 * descriptor is an event with an error ({@code EBADF}, {@code ENOTCAPABLE} without
 * {@code POLL_FD_READWRITE}, {@code EINVAL} for an unsupported clock), not a failure of the call.
 * Streams without a selector (stdin from a process or host stream) are polled every
 * {@value #STREAM_POLL_MILLIS} ms while waiting. Stdout and stderr are flushed before waiting.
 */
final class PollOneoff {
    static final int SUBSCRIPTION_SIZE = 48;
    static final int EVENT_SIZE = 32;
    /** The most subscriptions one call takes (more is EINVAL): bounds what a guest makes the host allocate. */
    static final int MAX_SUBSCRIPTIONS = 65_536;
    private static final long STREAM_POLL_MILLIS = 5;
    private static final int EVENT_CLOCK = 0;
    private static final int EVENT_FD_READ = 1;
    private static final int EVENT_FD_WRITE = 2;
    private static final int ABSTIME = 1;
    private static final int HANGUP = 1;

    private PollOneoff() {}

    private static final class Subscription {
        long userdata;
        int type;
        int fd;
        long deadline; // System.nanoTime() based, for clocks
        Errno error;   // set when the subscription fails at once
        Descriptor descriptor;
        // the event, once ready
        boolean ready;
        long nbytes;
        int flags;
    }

    static int poll(WasiCall c) throws ErrnoException {
        GuestMemory m = c.memory();
        int in = c.i32(0);
        int out = c.i32(1);
        long n = Integer.toUnsignedLong(c.i32(2));
        int resultPtr = c.i32(3);
        if (n == 0) {
            throw new ErrnoException(Errno.INVAL, "no subscriptions");
        }
        m.check(in, n * SUBSCRIPTION_SIZE);
        m.check(out, n * EVENT_SIZE);
        m.check(resultPtr, 4);
        if (n > MAX_SUBSCRIPTIONS) {
            throw new ErrnoException(Errno.INVAL, "more than " + MAX_SUBSCRIPTIONS + " subscriptions");
        }
        List<Subscription> subs = new ArrayList<>((int) n);
        for (int i = 0; i < n; i++) {
            subs.add(read(c, in + i * SUBSCRIPTION_SIZE));
        }
        List<Subscription> events = await(c.state(), subs);
        for (int i = 0; i < events.size(); i++) {
            write(m, out + i * EVENT_SIZE, events.get(i));
        }
        m.putI32(resultPtr, events.size());
        return 0;
    }

    private static Subscription read(WasiCall c, int ptr) throws ErrnoException {
        GuestMemory m = c.memory();
        Subscription s = new Subscription();
        s.userdata = m.i64(ptr);
        s.type = m.u8(ptr + 8);
        switch (s.type) {
            case EVENT_CLOCK -> {
                int id = m.i32(ptr + 16);
                long timeout = m.i64(ptr + 24);
                int flags = m.u16(ptr + 40);
                if ((flags & ~ABSTIME) != 0) {
                    s.error = Errno.INVAL;
                } else if (id == Clocks.REALTIME || id == Clocks.MONOTONIC) {
                    s.deadline = deadline(id, timeout, (flags & ABSTIME) != 0);
                } else {
                    s.error = Errno.INVAL;
                }
            }
            case EVENT_FD_READ, EVENT_FD_WRITE -> {
                s.fd = m.i32(ptr + 16);
                try {
                    s.descriptor = c.table().get(s.fd, Rights.POLL_FD_READWRITE);
                } catch (ErrnoException e) {
                    s.error = e.errno();
                }
            }
            default -> throw new ErrnoException(Errno.INVAL, "subscription type " + s.type);
        }
        return s;
    }

    /** The deadline in {@link System#nanoTime()} terms; far-away deadlines saturate. */
    private static long deadline(int clock, long timeout, boolean absolute) {
        long now = System.nanoTime();
        long delta;
        if (!absolute) {
            delta = timeout;
        } else {
            long clockNow = clock == Clocks.REALTIME ? Clocks.realtime() : Clocks.monotonic();
            delta = Long.compareUnsigned(timeout, clockNow) <= 0 ? 0 : timeout - clockNow;
        }
        if (delta < 0 || now + delta < now) {
            return Long.MAX_VALUE; // u64 beyond 292 years: never
        }
        return now + delta;
    }

    private static List<Subscription> await(WasiState state, List<Subscription> subs) throws ErrnoException {
        boolean flushed = false;
        while (true) {
            List<Subscription> ready = new ArrayList<>();
            List<Subscription> selectable = new ArrayList<>();
            boolean streamWithoutSelector = false;
            long now = System.nanoTime();
            long earliest = Long.MAX_VALUE;
            boolean anyDeadline = false;
            for (Subscription s : subs) {
                if (s.error != null) {
                    ready.add(s);
                } else if (s.type == EVENT_CLOCK) {
                    if (s.deadline != Long.MAX_VALUE && now - s.deadline >= 0) {
                        ready.add(s);
                    } else if (s.deadline != Long.MAX_VALUE) {
                        anyDeadline = true;
                        earliest = Math.min(earliest, s.deadline - now);
                    }
                } else {
                    switch (checkNow(s)) {
                        case READY -> ready.add(s);
                        case SELECT -> selectable.add(s);
                        case POLL -> streamWithoutSelector = true;
                    }
                }
            }
            if (!selectable.isEmpty()) {
                select(state, selectable, ready, ready.isEmpty() ? waitMillis(anyDeadline, earliest, streamWithoutSelector) : -1, flushed);
                flushed = true;
            }
            if (!ready.isEmpty()) {
                return ready;
            }
            if (!flushed) {
                state.beforeBlocking();
                flushed = true;
            }
            if (selectable.isEmpty()) {
                long wait = streamWithoutSelector ? Math.min(earliest, TimeUnit.MILLISECONDS.toNanos(STREAM_POLL_MILLIS)) : earliest;
                if (wait == Long.MAX_VALUE) {
                    LockSupport.park(); // only clocks that never expire: until interrupted
                } else {
                    LockSupport.parkNanos(wait);
                }
            }
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new ErrnoException(Errno.INTR);
            }
        }
    }

    /** How long a select may wait: 0 = until something is ready, else at least 1 ms. */
    private static long waitMillis(boolean anyDeadline, long earliestNanos, boolean pollStreams) {
        long wait = anyDeadline ? Math.max(1, TimeUnit.NANOSECONDS.toMillis(earliestNanos + 999_999)) : 0;
        if (pollStreams) {
            wait = wait == 0 ? STREAM_POLL_MILLIS : Math.min(wait, STREAM_POLL_MILLIS);
        }
        return wait;
    }

    private enum Check { READY, SELECT, POLL }

    private static Check checkNow(Subscription s) {
        boolean read = s.type == EVENT_FD_READ;
        try {
            switch (s.descriptor) {
                case FileDescriptor f -> {
                    if (read ? !f.readable() : !f.writable()) {
                        s.error = Errno.BADF;
                    } else if (read) {
                        s.nbytes = Math.max(0, f.stat().size() - f.tell());
                    }
                    return Check.READY;
                }
                case OutputDescriptor o -> {
                    if (read) {
                        s.error = Errno.BADF;
                    }
                    return Check.READY;
                }
                case InputDescriptor i -> {
                    if (!read) {
                        s.error = Errno.BADF;
                        return Check.READY;
                    }
                    InputSource source = i.source();
                    if (!source.ready()) {
                        return Check.POLL;
                    }
                    s.nbytes = source.available();
                    if (s.nbytes == 0 && source.atEnd()) {
                        s.flags = HANGUP;
                    }
                    return Check.READY;
                }
                case SocketDescriptor socket -> {
                    if (read && (socket.peekedBytes() > 0 || socket.peerClosed())) {
                        fillSocketEvent(s, socket);
                        return Check.READY;
                    }
                    return Check.SELECT;
                }
                case ListenerDescriptor l -> {
                    if (!read) {
                        s.error = Errno.BADF;
                        return Check.READY;
                    }
                    return Check.SELECT;
                }
                default -> {
                    s.error = Errno.BADF;
                    return Check.READY;
                }
            }
        } catch (ErrnoException e) {
            s.error = e.errno();
            return Check.READY;
        } catch (IOException e) {
            s.error = IoErrors.errno(e).errno();
            return Check.READY;
        }
    }

    private static void fillSocketEvent(Subscription s, SocketDescriptor socket) {
        s.nbytes = socket.peekedBytes();
        if (socket.peerClosed()) {
            s.flags = HANGUP;
        }
    }

    /**
     * Selects on the sockets of {@code selectable}: without waiting when {@code waitMillis} is
     * negative, else up to that long (0: until one is ready); adds the ready ones to {@code ready}.
     */
    private static void select(WasiState state, List<Subscription> selectable, List<Subscription> ready,
            long waitMillis, boolean flushed) throws ErrnoException {
        Selector selector = state.selector();
        List<SelectionKey> keys = new ArrayList<>();
        try {
            for (Subscription s : selectable) {
                SelectableChannel channel = switch (s.descriptor) {
                    case SocketDescriptor socket -> socket.channel();
                    case ListenerDescriptor listener -> listener.channel();
                    default -> throw new IllegalStateException();
                };
                channel.configureBlocking(false);
                int op = s.descriptor instanceof ListenerDescriptor ? SelectionKey.OP_ACCEPT
                        : s.type == EVENT_FD_READ ? SelectionKey.OP_READ : SelectionKey.OP_WRITE;
                SelectionKey key = channel.keyFor(selector);
                if (key == null) {
                    key = channel.register(selector, op);
                } else {
                    key.interestOps(key.interestOps() | op);
                }
                keys.add(key);
            }
            if (waitMillis < 0) {
                selector.selectNow();
            } else {
                if (!flushed) {
                    state.beforeBlocking();
                }
                selector.select(waitMillis);
            }
            var selected = selector.selectedKeys();
            for (int i = 0; i < selectable.size(); i++) {
                Subscription s = selectable.get(i);
                SelectionKey key = keys.get(i);
                if (!key.isValid()) {
                    s.error = Errno.BADF;
                    ready.add(s);
                    continue;
                }
                int readyOps = selected.contains(key) ? key.readyOps() : 0;
                if (s.descriptor instanceof SocketDescriptor socket) {
                    if (s.type == EVENT_FD_READ && (readyOps & SelectionKey.OP_READ) != 0) {
                        if (socket.fillReadAhead()) {
                            fillSocketEvent(s, socket);
                            ready.add(s);
                        }
                    } else if (s.type == EVENT_FD_WRITE && (readyOps & SelectionKey.OP_WRITE) != 0) {
                        ready.add(s);
                    }
                } else if ((readyOps & SelectionKey.OP_ACCEPT) != 0) {
                    ready.add(s);
                }
            }
        } catch (IOException e) {
            throw IoErrors.errno(e);
        } finally {
            for (SelectionKey key : keys) {
                if (key.isValid()) {
                    key.interestOps(0);
                }
            }
            selector.selectedKeys().clear();
        }
    }

    private static void write(GuestMemory m, int ptr, Subscription s) throws ErrnoException {
        m.zero(ptr, EVENT_SIZE);
        m.putI64(ptr, s.userdata);
        m.putU16(ptr + 8, s.error == null ? 0 : s.error.code());
        m.putU8(ptr + 10, s.type);
        m.putI64(ptr + 16, s.nbytes);
        m.putU16(ptr + 24, s.flags);
    }
}
