package dev.wasmj.cli.wast;

import dev.wasmj.Func;
import dev.wasmj.FuncType;
import dev.wasmj.Global;
import dev.wasmj.GlobalType;
import dev.wasmj.Linker;
import dev.wasmj.Memory;
import dev.wasmj.MemoryType;
import dev.wasmj.RefType;
import dev.wasmj.SharedMemory;
import dev.wasmj.Store;
import dev.wasmj.Table;
import dev.wasmj.TableType;
import dev.wasmj.Val;
import dev.wasmj.ValType;
import java.util.List;
import java.util.OptionalLong;

/**
 * The {@code spectest} module the testsuite imports from, as the reference interpreter defines it:
 * {@code print*} functions (which print nothing here), globals {@code global_i32}/{@code _i64}
 * (666) and {@code global_f32}/{@code _f64} (666.6), {@code table} (10..20 funcref),
 * {@code table64} (the same, i64-indexed), {@code memory} (1..2 pages) and {@code shared_memory}
 * (1..2 pages, shared).
 */
public final class Spectest {
    private Spectest() {}

    /** Defines the spectest module in {@code linker}, its objects made in {@code store}. */
    public static <T> void define(Linker<T> linker, Store<T> store) {
        print(linker, store, "print");
        print(linker, store, "print_i32", ValType.I32);
        print(linker, store, "print_i64", ValType.I64);
        print(linker, store, "print_f32", ValType.F32);
        print(linker, store, "print_f64", ValType.F64);
        print(linker, store, "print_i32_f32", ValType.I32, ValType.F32);
        print(linker, store, "print_f64_f64", ValType.F64, ValType.F64);
        linker.define("spectest", "global_i32", Global.of(store, GlobalType.of(ValType.I32), Val.i32(666)));
        linker.define("spectest", "global_i64", Global.of(store, GlobalType.of(ValType.I64), Val.i64(666)));
        linker.define("spectest", "global_f32", Global.of(store, GlobalType.of(ValType.F32), Val.f32(666.6f)));
        linker.define("spectest", "global_f64", Global.of(store, GlobalType.of(ValType.F64), Val.f64(666.6)));
        linker.define("spectest", "table", Table.of(store, TableType.of(RefType.FUNCREF, 10, 20), Val.funcref(null)));
        linker.define("spectest", "table64", Table.of(store,
                new TableType(RefType.FUNCREF, 10, OptionalLong.of(20), true), Val.funcref(null)));
        linker.define("spectest", "memory", Memory.of(store, MemoryType.of(1, 2)));
        linker.define("spectest", "shared_memory", new SharedMemory(store.engine(), MemoryType.shared(1, 2)));
    }

    private static <T> void print(Linker<T> linker, Store<T> store, String name, ValType... params) {
        linker.define("spectest", name,
                Func.of(store, FuncType.of(List.of(params), List.of()), (caller, args) -> Val.NONE));
    }
}
