package io.github.pixelrnn.util;

import io.github.pixelrnn.UserError;
import java.util.Arrays;
import java.util.Locale;

/**
 * The one lookup of the library's named enums (architecture, recurrent cell and mode, optimizer,
 * schedule): each constant's {@code toString} is its lower-case name, as checkpoints, presets and
 * the command line spell it.
 */
public final class Names {
    private Names() {
    }

    /**
     * The constant of {@code values} named {@code name} (any case, surrounding spaces ignored); a
     * one-line {@link UserError} "unknown WHAT 'NAME'; known: ..." otherwise.
     */
    public static <E extends Enum<E>> E lookup(E[] values, String name, String what) {
        String key = name == null ? null : name.trim().toLowerCase(Locale.ROOT);
        for (E v : values) {
            if (v.toString().equals(key)) {
                return v;
            }
        }
        throw new UserError("unknown " + what + " '" + name + "'; known: " + list(values));
    }

    /** The names of {@code values}, comma-separated, for error messages. */
    public static String list(Object... values) {
        return String.join(", ", Arrays.stream(values).map(Object::toString).toList());
    }
}
