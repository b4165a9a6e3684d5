package dev.wasmj.cli.difftest;

import dev.wasmj.Config;
import dev.wasmj.Engine;
import dev.wasmj.ResourceLimiter;
import dev.wasmj.Store;
import dev.wasmj.Strategy;
import dev.wasmj.format.Features;

/**
 * One side of a differential run: how its engine is configured and its stores are made.
 *
 * @param name how reports call this side, e.g. {@code interpreter}
 * @param strategy the engine's strategy
 * @param limiter the stores' resource limiter, or null for none
 */
record EngineSetup(String name, Strategy strategy, ResourceLimiter limiter) {

    /** The plain engine with {@code strategy}, called by the strategy's name. */
    static EngineSetup of(Strategy strategy) {
        return new EngineSetup(strategy.name().toLowerCase(java.util.Locale.ROOT), strategy, null);
    }

    /** This setup, called {@code name}, with stores limited by {@code limiter}. */
    EngineSetup limitedBy(String name, ResourceLimiter limiter) {
        return new EngineSetup(name, strategy, limiter);
    }

    /** A new engine of this setup for modules with {@code features}. */
    Engine engine(Features features) {
        return new Engine(new Config().features(features).strategy(strategy));
    }

    /** A new store of this setup in {@code engine}. */
    <T> Store<T> store(Engine engine) {
        Store<T> store = new Store<>(engine);
        if (limiter != null) {
            store.limiter(limiter);
        }
        return store;
    }

    @Override
    public String toString() {
        return name;
    }
}
