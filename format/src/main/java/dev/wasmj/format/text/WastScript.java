package dev.wasmj.format.text;

import java.util.List;

/** A parsed .wast script: its commands in order. Made by {@link WastParser#parse(String)}. */
public record WastScript(List<WastCommand> commands) {
    public WastScript {
        commands = List.copyOf(commands);
    }
}
