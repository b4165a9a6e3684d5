/** The validator: the WebAssembly 3.0 type system and the per-function type checker. */
package dev.wasmj.format.validate;
