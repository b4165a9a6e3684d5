package dev.wasmj.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.Engine;
import dev.wasmj.Linker;
import dev.wasmj.Module;
import dev.wasmj.Store;
import dev.wasmj.Val;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A guest writing 1,000,000 short lines through fd_write (two ciovecs per line): every byte arrives, in order. */
class MillionLinesTest {
    static final String GUEST = """
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 100) "line ")
              ;; writes "line N\\n" for N in [0, n) to stdout; returns the first failing errno or 0
              (func (export "run") (param $n i32) (result i32)
                (local $i i32) (local $v i32) (local $p i32) (local $errno i32)
                (i32.store8 (i32.const 130) (i32.const 10))
                (i32.store (i32.const 0) (i32.const 100))
                (i32.store (i32.const 4) (i32.const 5))
                (block $done
                  (loop $next
                    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                    (local.set $v (local.get $i))
                    (local.set $p (i32.const 130))
                    (loop $digit
                      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
                      (i32.store8 (local.get $p) (i32.add (i32.const 48) (i32.rem_u (local.get $v) (i32.const 10))))
                      (local.set $v (i32.div_u (local.get $v) (i32.const 10)))
                      (br_if $digit (local.get $v)))
                    (i32.store (i32.const 8) (local.get $p))
                    (i32.store (i32.const 12) (i32.sub (i32.const 131) (local.get $p)))
                    (local.set $errno (call $fd_write (i32.const 1) (i32.const 0) (i32.const 2) (i32.const 16)))
                    (if (local.get $errno) (then (return (local.get $errno))))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (br $next)))
                (i32.const 0)))
            """;

    @Test
    void aMillionLinesArriveInOrder() {
        int lines = 1_000_000;
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 << 20);
        Engine engine = new Engine();
        Linker<WasiCtx> linker = new Linker<>(engine);
        WasiPreview1.addToLinker(linker, ctx -> ctx);
        try (Store<WasiCtx> store = new Store<>(engine, new WasiConfig().stdout(out).build())) {
            var run = linker.instantiate(store, Module.fromWat(engine, GUEST)).func("run");
            long start = System.nanoTime();
            int errno = run.call(Val.i32(lines))[0].i32();
            store.data().close();
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("MillionLinesTest: " + lines + " fd_write calls in " + millis + " ms");
            assertThat(errno).isZero();
        }
        StringBuilder expected = new StringBuilder(8 << 20);
        for (int i = 0; i < lines; i++) {
            expected.append("line ").append(i).append('\n');
        }
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo(expected.toString());
    }
}
