package dev.wasmj.cli.run;

/**
 * Small WASI programs in the text format for the tests of {@code wasmj run}: each imports only the
 * functions it needs from {@code wasi_snapshot_preview1} and exits with status 100 + errno when a
 * call fails, so that a test's failure says which errno the guest got.
 */
final class WasiPrograms {
    private WasiPrograms() {}

    private static final String HEADER = """
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
            """;

    /** Memory and the helpers: $check (exit 100 + errno unless 0) and $write (fd, address, length). */
    private static final String HELPERS = """
              (memory (export "memory") 16)
              (func $check (param $errno i32)
                (if (local.get $errno) (then (call $proc_exit (i32.add (i32.const 100) (local.get $errno))))))
              (func $write (param $fd i32) (param $address i32) (param $length i32)
                (i32.store (i32.const 0) (local.get $address))
                (i32.store (i32.const 4) (local.get $length))
                (call $check (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8))))
            """;

    /** Writes {@code text} (ASCII) to stdout, then exits with {@code status}, or returns if it is negative. */
    static String printAndExit(String text, int status) {
        return HEADER + HELPERS + data(1024, text) + """
                  (func (export "_start")
                    (call $write (i32.const 1) (i32.const 1024) (i32.const %d))
                    %s)
                )
                """.formatted(text.length(), status < 0 ? "" : "(call $proc_exit (i32.const " + status + "))");
    }

    /** Writes {@code text} (ASCII) to stdout and {@code error} to stderr, then traps in function {@code $explode}. */
    static String printAndTrap(String text, String error) {
        return HEADER + HELPERS + data(1024, text) + data(2048, error) + """
                  (func $explode unreachable)
                  (func (export "_start")
                    (call $write (i32.const 1) (i32.const 1024) (i32.const %d))
                    (call $write (i32.const 2) (i32.const 2048) (i32.const %d))
                    (call $explode))
                )
                """.formatted(text.length(), error.length());
    }

    /**
     * Prints the arguments ({@code what} = "args") or the environment ({@code what} = "environ"),
     * one a line: the strings of {@code args_get}/{@code environ_get} with each NUL turned into a
     * newline.
     */
    static String printList(String what) {
        return HEADER + """
                  (import "wasi_snapshot_preview1" "%1$s_sizes_get" (func $sizes (param i32 i32) (result i32)))
                  (import "wasi_snapshot_preview1" "%1$s_get" (func $get (param i32 i32) (result i32)))
                """.formatted(what) + HELPERS + """
                  (func (export "_start") (local $size i32) (local $i i32)
                    (call $check (call $sizes (i32.const 16) (i32.const 20)))
                    (call $check (call $get (i32.const 1024) (i32.const 65536)))
                    (local.set $size (i32.load (i32.const 20)))
                    (block $done
                      (loop $next
                        (br_if $done (i32.ge_u (local.get $i) (local.get $size)))
                        (if (i32.eqz (i32.load8_u offset=65536 (local.get $i)))
                          (then (i32.store8 offset=65536 (local.get $i) (i32.const 10))))
                        (local.set $i (i32.add (local.get $i) (i32.const 1)))
                        (br $next)))
                    (call $write (i32.const 1) (i32.const 65536) (local.get $size)))
                )
                """;
    }

    /**
     * Prints the name of preopened directory 3 and a newline, then the content of the file
     * {@code path} in it.
     */
    static String printPreopenAndFile(String path) {
        return HEADER + """
                  (import "wasi_snapshot_preview1" "fd_prestat_get" (func $prestat_get (param i32 i32) (result i32)))
                  (import "wasi_snapshot_preview1" "fd_prestat_dir_name" (func $prestat_dir_name (param i32 i32 i32) (result i32)))
                  (import "wasi_snapshot_preview1" "path_open"
                    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
                  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
                """ + HELPERS + data(512, path) + """
                  (func (export "_start") (local $length i32)
                    (call $check (call $prestat_get (i32.const 3) (i32.const 32)))
                    (local.set $length (i32.load (i32.const 36)))
                    (call $check (call $prestat_dir_name (i32.const 3) (i32.const 1024) (local.get $length)))
                    (i32.store8 offset=1024 (local.get $length) (i32.const 10))
                    (call $write (i32.const 1) (i32.const 1024) (i32.add (local.get $length) (i32.const 1)))
                    ;; path_open(dir 3, no symlink following, path, oflags 0, rights fd_read, 0, fdflags 0, &fd at 40)
                    (call $check (call $path_open (i32.const 3) (i32.const 0) (i32.const 512) (i32.const %d)
                      (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 40)))
                    (i32.store (i32.const 48) (i32.const 65536))
                    (i32.store (i32.const 52) (i32.const 65536))
                    (call $check (call $fd_read (i32.load (i32.const 40)) (i32.const 48) (i32.const 1) (i32.const 44)))
                    (call $write (i32.const 1) (i32.const 65536) (i32.load (i32.const 44))))
                )
                """.formatted(path.length());
    }

    /** Copies stdin to stdout. */
    static String cat() {
        return HEADER + """
                  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
                """ + HELPERS + """
                  (func (export "_start")
                    (i32.store (i32.const 48) (i32.const 65536))
                    (i32.store (i32.const 52) (i32.const 4096))
                    (loop $more
                      (call $check (call $fd_read (i32.const 0) (i32.const 48) (i32.const 1) (i32.const 44)))
                      (if (i32.load (i32.const 44))
                        (then
                          (call $write (i32.const 1) (i32.const 65536) (i32.load (i32.const 44)))
                          (br $more)))))
                )
                """;
    }

    /**
     * Accepts one connection on the listening socket 3 (retrying while it returns EAGAIN), sends it
     * {@code text} and closes it.
     */
    static String acceptAndSend(String text) {
        return HEADER + """
                  (import "wasi_snapshot_preview1" "sock_accept" (func $sock_accept (param i32 i32 i32) (result i32)))
                  (import "wasi_snapshot_preview1" "sock_send" (func $sock_send (param i32 i32 i32 i32 i32) (result i32)))
                  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
                  (import "wasi_snapshot_preview1" "sched_yield" (func $sched_yield (result i32)))
                """ + HELPERS + data(1024, text) + """
                  (func (export "_start") (local $errno i32)
                    (loop $again
                      (local.set $errno (call $sock_accept (i32.const 3) (i32.const 0) (i32.const 40)))
                      (if (i32.eq (local.get $errno) (i32.const 6))
                        (then (drop (call $sched_yield)) (br $again))))
                    (call $check (local.get $errno))
                    (i32.store (i32.const 48) (i32.const 1024))
                    (i32.store (i32.const 52) (i32.const %d))
                    (call $check (call $sock_send (i32.load (i32.const 40)) (i32.const 48) (i32.const 1) (i32.const 0) (i32.const 44)))
                    (call $check (call $fd_close (i32.load (i32.const 40)))))
                )
                """.formatted(text.length());
    }

    /** A data segment at {@code address} holding {@code text} (ASCII, escaped for the text format). */
    private static String data(int address, String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            escaped.append(String.format("\\%02x", (int) c));
        }
        return "  (data (i32.const " + address + ") \"" + escaped + "\")\n";
    }
}
