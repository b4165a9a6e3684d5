package dev.wasmj.cli.run;

import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A picocli converter over an option's {@code parse} method, which rejects bad text with an
 * {@link IllegalArgumentException}: its message becomes picocli's error for the option.
 */
abstract class ParsingConverter<T> implements ITypeConverter<T> {
    private final Function<String, T> parse;

    ParsingConverter(Function<String, T> parse) {
        this.parse = parse;
    }

    @Override
    public final T convert(String text) {
        return parse(text, parse);
    }

    /** {@code parse.apply(text)}, with an {@link IllegalArgumentException} turned into picocli's {@link TypeConversionException}. */
    static <T> T parse(String text, Function<String, T> parse) {
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
