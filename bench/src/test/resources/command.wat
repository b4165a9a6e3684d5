;; The harness's test WASI command (HarnessTest): creates "run.txt" in its preopened directory
;; (fd 3) exclusively, so a second run in the same directory exits with status 7; then prints a
;; line on standard output and "kernel: 1.250 ms" on standard error, like examples/sqlite's driver.
;; Built with `wat2wasm command.wat` (WABT); the .wasm is committed.
(module
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "run.txt")
  (data (i32.const 32) "hello from a WASI command\n")
  (data (i32.const 64) "kernel: 1.250 ms\n")
  (func $print (param $fd i32) (param $text i32) (param $length i32)
    ;; one iovec at 0: (text, length); the count written goes to 8
    (i32.store (i32.const 0) (local.get $text))
    (i32.store (i32.const 4) (local.get $length))
    (if (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8))
      (then (call $proc_exit (i32.const 8)))))
  (func (export "_start")
    ;; path_open(dirfd 3, lookup flags 0, "run.txt", O_CREAT|O_EXCL, the right fd_write, fd flags 0, fd at 12)
    (if (call $path_open (i32.const 3) (i32.const 0) (i32.const 16) (i32.const 7) (i32.const 5)
          (i64.const 0x40) (i64.const 0) (i32.const 0) (i32.const 12))
      (then (call $proc_exit (i32.const 7))))
    (call $print (i32.const 1) (i32.const 32) (i32.const 26))
    (call $print (i32.const 2) (i32.const 64) (i32.const 17))))
