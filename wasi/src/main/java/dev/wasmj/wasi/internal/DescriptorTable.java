package dev.wasmj.wasi.internal;

import java.util.Arrays;

/**
 * The guest's descriptor numbers: a new descriptor gets the lowest free number; at most
 * {@code maxOpen} descriptors are open at once ({@code EMFILE} beyond). Numbers are unsigned: a
 * number that is not open is {@code EBADF}.
 */
public final class DescriptorTable {
    private Descriptor[] slots = new Descriptor[16];
    private int open;
    private final int maxOpen;

    public DescriptorTable(int maxOpen) {
        this.maxOpen = maxOpen;
    }

    /** The descriptor numbered {@code fd}; {@code EBADF} if none. */
    public Descriptor get(int fd) throws ErrnoException {
        Descriptor d = fd >= 0 && fd < slots.length ? slots[fd] : null;
        if (d == null) {
            throw new ErrnoException(Errno.BADF, "descriptor " + Integer.toUnsignedString(fd) + " is not open");
        }
        return d;
    }

    /** The descriptor numbered {@code fd}, which must have every right in {@code rights} ({@code ENOTCAPABLE} otherwise). */
    public Descriptor get(int fd, long rights) throws ErrnoException {
        Descriptor d = get(fd);
        requireRights(d, rights);
        return d;
    }

    /** {@code ENOTCAPABLE} unless {@code d} has every right in {@code rights}. */
    public static void requireRights(Descriptor d, long rights) throws ErrnoException {
        if ((d.rightsBase() & rights) != rights) {
            throw new ErrnoException(Errno.NOTCAPABLE, "missing rights 0x" + Long.toHexString(rights & ~d.rightsBase()));
        }
    }

    /** {@code EMFILE} if no descriptor can be added. */
    public void checkRoom() throws ErrnoException {
        if (open >= maxOpen) {
            throw new ErrnoException(Errno.MFILE, "at most " + maxOpen + " open descriptors");
        }
    }

    /** Adds {@code d} under the lowest free number and returns the number ({@code EMFILE} if the table is full). */
    public int add(Descriptor d) throws ErrnoException {
        checkRoom();
        int fd = 0;
        while (fd < slots.length && slots[fd] != null) {
            fd++;
        }
        if (fd == slots.length) {
            slots = Arrays.copyOf(slots, slots.length * 2);
        }
        slots[fd] = d;
        open++;
        return fd;
    }

    /** Removes descriptor {@code fd} (without closing it) and returns it; {@code EBADF} if it is not open. */
    public Descriptor remove(int fd) throws ErrnoException {
        Descriptor d = get(fd);
        slots[fd] = null;
        open--;
        return d;
    }

    /** {@code fd_renumber}: closes {@code to} and moves {@code from} there; both must be open. */
    public void renumber(int from, int to) throws ErrnoException {
        Descriptor moving = get(from);
        Descriptor replaced = get(to);
        if (from == to) {
            return;
        }
        slots[to] = moving;
        slots[from] = null;
        open--;
        replaced.close();
    }

    /** The number of open descriptors. */
    public int openCount() {
        return open;
    }

    /** Removes and closes every descriptor. */
    public void closeAll() {
        for (int fd = 0; fd < slots.length; fd++) {
            Descriptor d = slots[fd];
            if (d != null) {
                slots[fd] = null;
                open--;
                d.close();
            }
        }
    }
}
