package dev.wasmj.cli.run;

import dev.wasmj.FuncType;
import dev.wasmj.Val;
import dev.wasmj.ValType;
import dev.wasmj.cli.UserException;
import java.util.List;
import java.util.stream.Collectors;

/** The command-line arguments of an invoked function, parsed by its parameter types. */
public final class Arguments {
    private Arguments() {}

    /**
     * The arguments of {@code function} (described as such in errors) of type {@code type}, one per
     * parameter, each in {@link WasmValues#parse}'s notation.
     *
     * @throws UserException if their number or a value does not fit
     */
    public static Val[] parse(String function, FuncType type, List<String> args) {
        List<ValType> params = type.params();
        if (args.size() != params.size()) {
            throw new UserException(function + " takes " + count(params.size()) + describe(params)
                    + " but " + args.size() + (args.size() == 1 ? " was" : " were") + " given");
        }
        Val[] values = new Val[params.size()];
        for (int i = 0; i < values.length; i++) {
            try {
                values[i] = WasmValues.parse(params.get(i), args.get(i));
            } catch (IllegalArgumentException e) {
                throw new UserException("argument " + (i + 1) + " of " + function + ": " + e.getMessage());
            }
        }
        return values;
    }

    private static String count(int n) {
        return n == 1 ? "1 argument" : n + " arguments";
    }

    private static String describe(List<ValType> params) {
        return params.isEmpty() ? "" : params.stream().map(ValType::toString).collect(Collectors.joining(", ", " (", ")"));
    }
}
