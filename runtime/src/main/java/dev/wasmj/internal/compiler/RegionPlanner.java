package dev.wasmj.internal.compiler;

import dev.wasmj.format.Opcode;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses the regions of a large function to outline into methods of their own, so that every method
 * stays under a size budget (in bytes of Wasm code, a stand-in for the bytecode it becomes).
 *
 * <p>A region is a run of whole instructions inside one frame's body (a block, loop, if arm or the
 * function's body) that starts and ends with the frame's operand stack empty (nothing of the frame's
 * on it) and reachable: it consumes nothing from below and leaves nothing, so it can be called with
 * whatever the enclosing frames keep on the JVM stack. Bodies are planned innermost first; when a
 * body's code (with its inner regions already outlined) is over the budget, runs of it between such
 * points are outlined, largest first, adjacent ones merged while they fit. A run branching to more
 * than {@link #FEW_EXITS} frames outside it goes last: it is the nest of blocks of a {@code br_table}
 * switch, whose cases (one after each {@code end}) are all outlined instead, however small, so that the
 * nest and its dispatch stay in one method (up to {@link #NEST_FACTOR} times the budget) and a dispatch
 * is one call, not a chain of them. Nothing inside a try or try_table and no tail call is outlined
 * ({@link Trial#pinned}).
 */
final class RegionPlanner {
    /** A region to outline: records [first, end) of the {@link Trial}, inside {@code depth} open frames. */
    static final class Region {
        final int first;
        final int end;
        final int startPos;
        final int endPos;
        final int depth;
        /** The locals it reads or writes, and those it writes, in increasing order. */
        final int[] used;
        final int[] written;

        Region(Trial t, int first, int end) {
            this.first = first;
            this.end = end;
            this.startPos = t.pos[first];
            this.endPos = t.pos[end];
            this.depth = t.depth[first];
            BitSet u = new BitSet();
            BitSet w = new BitSet();
            for (int k = first; k < end; k++) {
                if (t.local[k] >= 0) {
                    u.set(t.local[k]);
                    if (t.op[k] != Opcode.LOCAL_GET) {
                        w.set(t.local[k]);
                    }
                }
            }
            this.used = u.stream().toArray();
            this.written = w.stream().toArray();
        }
    }

    /** Runs branching to more outer frames than this are outlined last. */
    private static final int FEW_EXITS = 8;
    /**
     * How many times the budget a switch's nest of blocks may take before part of it is outlined: what
     * is left of a nest once its cases are outlined is the dispatch and one call per case, cheap to
     * compile, while a nest outlined in parts makes every dispatch a chain of calls, each level
     * returning to the one above, which then branches again. SQLite's {@code sqlite3VdbeExec} (186
     * cases): at 1 its nest was 4 methods deep (every opcode went down and back up the chain), at 4 it
     * is one method of about 5,500 bytes of bytecode. A nest whose method still comes out over the
     * JIT's limit shrinks with the budget ({@link FunctionSplitter#shrink}).
     */
    static final int NEST_FACTOR = 4;

    private final Trial t;
    private final int budget;
    private final int minPart;
    private final boolean everything;
    private final Map<Integer, Region> regions = new HashMap<>();
    /** The remaining size of the body {@link #body} planned last. */
    private long cost;

    private RegionPlanner(Trial t, int budget, int minPart, boolean everything) {
        this.t = t;
        this.budget = budget;
        this.minPart = minPart;
        this.everything = everything;
    }

    /**
     * The regions to outline, by the position of their first instruction: every method within
     * {@code budget} bytes where the code allows; runs under {@code minPart} bytes stay inline. If
     * {@code everything}, every run that can be outlined is, whatever its size.
     */
    static Map<Integer, Region> plan(Trial t, int budget, int minPart, boolean everything) {
        RegionPlanner p = new RegionPlanner(t, budget, minPart, everything);
        p.body(0, 1);
        return p.regions;
    }

    private static boolean opens(Opcode op) {
        return switch (op) {
            case BLOCK, LOOP, IF, TRY, TRY_TABLE -> true;
            default -> false;
        };
    }

    private static boolean closes(Opcode op) {
        return switch (op) {
            case END, ELSE, CATCH, CATCH_ALL, DELEGATE -> true;
            default -> false;
        };
    }

    private long size(int k) {
        return t.dead[k] ? 0 : t.next[k] - t.pos[k];
    }

    /** Whether a region may end before record k: the frame's stack is empty there, or k is unreachable. */
    private boolean mayEnd(int k) {
        return t.dead[k] || t.sp[k] == t.height[k];
    }

    /**
     * Plans the body of a frame opened {@code depth} frames deep, from record {@code i} to its closing
     * instruction (end, else, catch...), whose index it returns; leaves the body's remaining size in
     * {@link #cost}.
     */
    private int body(int i, int depth) {
        List<long[]> segments = new ArrayList<>(); // {first, end, size}
        int k = i;
        int segmentStart = i;
        long segmentSize = 0;
        while (k < t.n && !closes(t.op[k])) {
            long s = size(k);
            int after = k + 1;
            if (opens(t.op[k])) {
                int c = k + 1;
                for (;;) {
                    c = body(c, depth + 1);
                    s += cost;
                    if (c >= t.n) {
                        throw new IllegalStateException("unbalanced code");
                    }
                    s += size(c);
                    if (t.op[c] == Opcode.END || t.op[c] == Opcode.DELEGATE) {
                        break;
                    }
                    c++;
                }
                after = c + 1;
            }
            segmentSize += s;
            k = after;
            if (k < t.n && mayEnd(k)) {
                segments.add(new long[] {segmentStart, k, segmentSize});
                segmentStart = k;
                segmentSize = 0;
            }
        }
        if (k > segmentStart) {
            segments.add(new long[] {segmentStart, k, segmentSize});
        }
        long total = 0;
        for (long[] s : segments) {
            total += s[2];
        }
        // in a body too long for the line numbers of one method (whose lines are offsets), everything
        // at the top level that can go does
        boolean all = everything || depth == 1 && t.pos[t.n - 1] - t.pos[0] > 0xFFFF;
        if (total > budget || all || segments.size() > 1) {
            total = outline(segments, depth, total, all);
        }
        cost = total;
        return k;
    }

    /** Whether records [first, end) can be a region. */
    private boolean outlinable(int first, int end) {
        if (t.dead[first] || t.sp[first] != t.height[first] || !mayEnd(end)) {
            return false;
        }
        for (int k = first; k < end; k++) {
            if (t.pinned[k]) {
                return false;
            }
        }
        return true;
    }

    /** How many frames outside {@code depth} records [first, end) branch to. */
    private int exits(int first, int end, int depth) {
        BitSet out = new BitSet();
        for (int k = first; k < end; k++) {
            if (t.targets[k] != null && !t.dead[k]) {
                for (int target : t.targets[k]) {
                    if (target < depth) {
                        out.set(target);
                    }
                }
            }
        }
        return out.cardinality();
    }

    /**
     * About what a call of a region costs its caller: the call and the dispatch, and in a region's
     * method the locals moved (none in the function's own method, whose locals live in the frame).
     */
    private static long callSize(Region g) {
        return 16 + g.used.length + g.written.length;
    }

    /**
     * Outlines runs of one body's segments until it fits; returns its remaining size. Runs are
     * adjacent segments that can be outlined, merged while they fit the budget; a segment branching to
     * many outer frames is a run of its own, outlined only when nothing else is left.
     */
    private long outline(List<long[]> segments, int depth, long total, boolean all) {
        List<long[]> runs = new ArrayList<>(); // {first, end, size, many exits}
        long[] run = null;
        for (long[] seg : segments) {
            int first = (int) seg[0];
            int end = (int) seg[1];
            if (!outlinable(first, end)) {
                run = null;
                continue;
            }
            boolean many = exits(first, end, depth) > FEW_EXITS;
            if (run != null && !many && run[3] == 0 && !all && run[2] + seg[2] <= budget) {
                run[1] = end;
                run[2] += seg[2];
                continue;
            }
            run = new long[] {first, end, seg[2], many ? 1 : 0};
            runs.add(run);
            if (many) {
                run = null;
            }
        }
        // a body with a run branching to many outer frames is a level of a switch's nest of blocks: its
        // cases all go, however small (a nest over NEST_FACTOR budgets is outlined itself, and then
        // every dispatch becomes a chain of calls)
        boolean nest = runs.stream().anyMatch(r -> r[3] == 1);
        if (!nest && total <= budget && !all) {
            return total;
        }
        long nestMin = total > budget ? 1 : minPart;
        long min = all ? 1 : minPart;
        runs.removeIf(r -> r[2] < (nest && r[3] == 0 ? nestMin : min));
        runs.sort((x, y) -> x[3] != y[3] ? Long.compare(x[3], y[3]) : Long.compare(y[2], x[2]));
        long limit = nest ? (long) budget * NEST_FACTOR : budget;
        long remaining = total;
        for (long[] r : runs) {
            if (!all && remaining <= limit && !(nest && r[3] == 0)) {
                break;
            }
            Region g = new Region(t, (int) r[0], (int) r[1]);
            regions.put(g.startPos, g);
            remaining -= r[2];
            remaining += callSize(g);
        }
        return remaining;
    }
}
