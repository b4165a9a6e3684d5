package dev.wasmj.cli.wast;

import dev.wasmj.cli.ModuleLoader.LoadedModule;
import dev.wasmj.format.text.WastCommand;

/**
 * A test executor of the front end alone, which executes nothing: a {@code module} command passes
 * once its module has loaded (there is nothing more it can check), every other command is skipped.
 */
public final class SkippingExecutor implements WastExecutor {

    @Override
    public Verdict execute(WastCommand command, LoadedModule module) {
        return command instanceof WastCommand.Module ? Verdict.PASSED : Verdict.SKIPPED;
    }
}
