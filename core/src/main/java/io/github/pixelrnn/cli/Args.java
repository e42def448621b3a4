package io.github.pixelrnn.cli;

import io.github.pixelrnn.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line arguments of one command: {@code --name value}, {@code --name=value}, boolean
 * {@code --flag}s and positional arguments. Unknown flags and malformed values are one-line
 * {@link UserError}s.
 */
final class Args {
    private final String command;
    private final Map<String, String> values = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Args(String command) {
        this.command = command;
    }

    /**
     * @param valueFlags flags that take a value (without the leading dashes)
     * @param switches boolean flags
     */
    static Args parse(String command, String[] argv, Set<String> valueFlags, Set<String> switches) {
        Args a = new Args(command);
        for (int i = 0; i < argv.length; i++) {
            String arg = argv[i].equals("-o") ? "--out" : argv[i]; // the one short option
            if (arg.startsWith("-") && !arg.startsWith("--") && arg.length() > 1 && !Character.isDigit(arg.charAt(1))) {
                throw new UserError(command + ": unknown option " + arg + " (options start with --; see: pixelrnn help "
                        + command + ")");
            }
            if (!arg.startsWith("--") || arg.equals("--")) {
                a.positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (switches.contains(name)) {
                if (value != null) {
                    throw new UserError(command + ": --" + name + " takes no value");
                }
                a.values.put(name, "true");
            } else if (valueFlags.contains(name)) {
                if (value == null) {
                    if (i + 1 >= argv.length) {
                        throw new UserError(command + ": --" + name + " needs a value");
                    }
                    value = argv[++i];
                }
                a.values.put(name, value);
            } else {
                throw new UserError(command + ": unknown option --" + name + " (see: pixelrnn help " + command + ")");
            }
        }
        return a;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    boolean flag(String name) {
        return "true".equals(values.get(name));
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    String require(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new UserError(command + ": --" + name + " is required");
        }
        return v;
    }

    Path path(String name, Path fallback) {
        String v = values.get(name);
        return v == null ? fallback : Path.of(v);
    }

    int integer(String name, int fallback) {
        long v = longValue(name, fallback);
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw new UserError(command + ": --" + name + " is out of range: " + v);
        }
        return (int) v;
    }

    /** An integer that must be > 0. */
    int positive(String name, int fallback) {
        int v = integer(name, fallback);
        if (v <= 0) {
            throw new UserError(command + ": --" + name + " must be positive, got " + v);
        }
        return v;
    }

    /** An int that must be >= 0. */
    int nonNegativeInt(String name, int fallback) {
        int v = integer(name, fallback);
        if (v < 0) {
            throw new UserError(command + ": --" + name + " must be >= 0, got " + v);
        }
        return v;
    }

    /** Fails unless the command was given no positional arguments. */
    void noPositional() {
        if (!positional.isEmpty()) {
            throw new UserError(command + ": unexpected argument '" + positional.get(0) + "' (see: pixelrnn help "
                    + command + ")");
        }
    }

    /** An integer that must be >= 0. */
    long nonNegative(String name, long fallback) {
        long v = longValue(name, fallback);
        if (v < 0) {
            throw new UserError(command + ": --" + name + " must be >= 0, got " + v);
        }
        return v;
    }

    long longValue(String name, long fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UserError(command + ": --" + name + " needs a whole number, got '" + v + "'");
        }
    }

    double number(String name, double fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UserError(command + ": --" + name + " needs a number, got '" + v + "'");
        }
    }

    List<String> positional() {
        return positional;
    }
}
