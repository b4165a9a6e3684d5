package dev.wasmj.format;

import java.util.Map;

/**
 * What the {@code name} custom section says, for backtraces and tools. Empty maps when absent.
 *
 * @param moduleName the module's name, or null
 * @param functions  function index to name
 * @param locals     function index to (local index to name)
 */
public record NameSection(String moduleName, Map<Integer, String> functions,
                          Map<Integer, Map<Integer, String>> locals) {
    public static final NameSection EMPTY = new NameSection(null, Map.of(), Map.of());
}
