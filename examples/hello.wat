;; A small module to try wasmj on:
;;   ./wasmj run examples/hello.wat                            prints the greeting (a WASI command)
;;   ./wasmj run --invoke factorial examples/hello.wat 20      prints 2432902008176640000
;;   ./wasmj validate examples/hello.wat
;;   ./wasmj wat2wasm examples/hello.wat -o hello.wasm
(module
  ;; WASI's fd_write(fd, iovs, iovs_len, nwritten) -> errno
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))

  ;; One page of memory, with a greeting at address 0.
  (memory (export "memory") 1)
  (data (i32.const 0) "Hello, WebAssembly!\n")

  ;; The program: writes the greeting to standard output (fd 1) with one iovec at address 32.
  (func (export "_start")
    (i32.store (i32.const 32) (i32.const 0))   ;; iovec.buf
    (i32.store (i32.const 36) (i32.const 20))  ;; iovec.len
    (drop (call $fd_write (i32.const 1) (i32.const 32) (i32.const 1) (i32.const 40))))

  ;; Where the greeting is: its address and its length in bytes.
  (func (export "greeting") (result i32 i32)
    (i32.const 0)
    (i32.const 19))

  ;; The sum of the bytes at [address, address + length): a simple checksum.
  (func (export "checksum") (param $address i32) (param $length i32) (result i32)
    (local $sum i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $length)))
        (local.set $sum
          (i32.add (local.get $sum) (i32.load8_u (local.get $address))))
        (local.set $address (i32.add (local.get $address) (i32.const 1)))
        (local.set $length (i32.sub (local.get $length) (i32.const 1)))
        (br $next)))
    (local.get $sum))

  ;; n! for n >= 0, computed with a loop (wraps around past 20!).
  (func (export "factorial") (param $n i64) (result i64)
    (local $product i64)
    (local.set $product (i64.const 1))
    (block $done
      (loop $next
        (br_if $done (i64.le_u (local.get $n) (i64.const 1)))
        (local.set $product (i64.mul (local.get $product) (local.get $n)))
        (local.set $n (i64.sub (local.get $n) (i64.const 1)))
        (br $next)))
    (local.get $product))
)
