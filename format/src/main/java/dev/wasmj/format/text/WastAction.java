package dev.wasmj.format.text;

import java.util.List;

/** An action of a .wast script: invoke an export, or read an exported global. */
public sealed interface WastAction {
    /** The module's name ({@code $name} without the dollar), or null for the latest module. */
    String module();

    /** The export's name. */
    String name();

    /** The line the action starts on. */
    int line();

    /** {@code (invoke $m? "name" args...)}. */
    record Invoke(String module, String name, List<WastValue> args, int line) implements WastAction {
        public Invoke {
            args = List.copyOf(args);
        }
    }

    /** {@code (get $m? "name")}. */
    record Get(String module, String name, int line) implements WastAction {}
}
