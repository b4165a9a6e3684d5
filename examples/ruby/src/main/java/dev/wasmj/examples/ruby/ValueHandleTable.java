package dev.wasmj.examples.ruby;

import dev.wasmj.Trap;
import dev.wasmj.TrapCode;
import java.util.Arrays;

/**
 * The host's table of {@code rb-abi-value} handles: the canonical-ABI resource table of the
 * interface {@code rb-abi-guest}. The guest turns a Ruby object it lends to the host into a handle
 * with the import {@code canonical_abi::resource_new_rb-abi-value} (which stores the guest's raw
 * representation, a {@code VALUE}) and reads it back with {@code resource_get_rb-abi-value}. Freed
 * slots are reused, so the indexes stay small.
 */
final class ValueHandleTable {
    private int[] raw = new int[16];
    private boolean[] used = new boolean[16];
    private int[] nextFree = new int[16];
    private int freeHead = -1;
    private int size;

    /** Stores {@code rawValue} and returns its new handle. */
    int insert(int rawValue) {
        int handle;
        if (freeHead >= 0) {
            handle = freeHead;
            freeHead = nextFree[handle];
        } else {
            if (size == raw.length) {
                raw = Arrays.copyOf(raw, size * 2);
                used = Arrays.copyOf(used, size * 2);
                nextFree = Arrays.copyOf(nextFree, size * 2);
            }
            handle = size++;
        }
        raw[handle] = rawValue;
        used[handle] = true;
        return handle;
    }

    /**
     * The raw value of {@code handle}.
     *
     * @throws Trap if {@code handle} is not in use: the guest passed a handle it was never given
     */
    int get(int handle) {
        check(handle);
        return raw[handle];
    }

    /** Removes {@code handle} and returns its raw value. */
    int remove(int handle) {
        int value = get(handle);
        used[handle] = false;
        nextFree[handle] = freeHead;
        freeHead = handle;
        return value;
    }

    /** How many handles are in use. */
    int inUse() {
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (used[i]) {
                count++;
            }
        }
        return count;
    }

    private void check(int handle) {
        if (handle < 0 || handle >= size || !used[handle]) {
            throw new Trap(TrapCode.UNREACHABLE_CODE_REACHED, "invalid rb-abi-value handle " + handle);
        }
    }
}
