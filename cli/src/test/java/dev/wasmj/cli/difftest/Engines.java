package dev.wasmj.cli.difftest;

import dev.wasmj.Strategy;

/** The engines the differential tests compare: the interpreter, the reference, with the engine under test. */
final class Engines {
    private Engines() {}

    /** The engine whose behaviour is taken as right. */
    static final EngineSetup REFERENCE = EngineSetup.of(Strategy.INTERPRETER);

    /** The engine checked against the reference. */
    static final EngineSetup UNDER_TEST = EngineSetup.of(Strategy.COMPILER);
}
