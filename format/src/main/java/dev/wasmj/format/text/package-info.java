/** The text format: the WAT parser and the .wast script parser. */
package dev.wasmj.format.text;
