package io.github.pixelrnn.cli;

import io.github.pixelrnn.UserError;

/** Range checks of option values: each failure is a one-line {@link UserError} naming the option. */
final class Check {
    private Check() {
    }

    /** {@code value}, or {@code fallback} when the option was not given; it must be > 0. */
    static int positive(String option, Integer value, int fallback) {
        int v = value == null ? fallback : value;
        if (v <= 0) {
            throw new UserError(option + " must be positive, got " + v);
        }
        return v;
    }

    /** {@code value}, which must be > 0. */
    static int positive(String option, int value) {
        return positive(option, value, value);
    }

    /** {@code value}, which must be >= 0. */
    static long nonNegative(String option, long value) {
        if (value < 0) {
            throw new UserError(option + " must be >= 0, got " + value);
        }
        return value;
    }

    /** {@code value}, which must be >= 0. */
    static int nonNegative(String option, int value) {
        return (int) nonNegative(option, (long) value);
    }
}
