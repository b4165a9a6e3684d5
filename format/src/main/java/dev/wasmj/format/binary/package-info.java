/** The binary format: decoder ({@code BinaryDecoder}) and encoder ({@code BinaryEncoder}). */
package dev.wasmj.format.binary;
