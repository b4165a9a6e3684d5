package dev.wasmj;

/**
 * Something a module imports or exports: a {@link Func}, {@link Table}, {@link Memory},
 * {@link SharedMemory}, {@link Global} or {@link Tag}. All but a {@code SharedMemory} belong to one
 * {@link Store}; a shared memory belongs to its {@link Engine} and may be used in all its stores.
 */
public sealed interface Extern permits Func, Table, Memory, SharedMemory, Global, Tag {
    /** The extern's type. */
    ExternType type();
}
