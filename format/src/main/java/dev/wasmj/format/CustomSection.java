package dev.wasmj.format;

/**
 * A custom section, kept as bytes.
 *
 * @param name    the section's name
 * @param content the bytes after the name
 * @param after   where it stands: after the section with this {@link SectionId}, in the standard
 *                order ({@link SectionId#CUSTOM} means before every other section)
 */
public record CustomSection(String name, Bytes content, SectionId after) {
}
