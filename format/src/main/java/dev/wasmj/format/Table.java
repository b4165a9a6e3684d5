package dev.wasmj.format;

/**
 * A table defined by the module.
 *
 * @param type the table type
 * @param init the constant expression initialising every element, or null (elements are null)
 */
public record Table(TableType type, Bytes init) {
}
