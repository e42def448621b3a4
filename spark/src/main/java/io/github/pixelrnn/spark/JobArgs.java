package io.github.pixelrnn.spark;

import io.github.pixelrnn.UserError;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The flags of one {@link Job} command: {@code --name value} pairs and switches, nothing positional. */
final class JobArgs {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> switches = new HashSet<>();

    /**
     * @param valueFlags the flags that take a value
     * @param switchFlags the flags that take none
     */
    JobArgs(List<String> args, Set<String> valueFlags, Set<String> switchFlags) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a.startsWith("--") ? a.substring(2) : null;
            if (name != null && switchFlags.contains(name)) {
                switches.add(name);
            } else if (name != null && valueFlags.contains(name)) {
                if (i + 1 >= args.size()) {
                    throw new UserError("--" + name + " needs a value");
                }
                values.put(name, args.get(++i));
            } else {
                throw new UserError("unknown argument '" + a + "'; known: --" + String.join(", --", sorted(valueFlags,
                        switchFlags)));
            }
        }
    }

    private static List<String> sorted(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all.stream().sorted().toList();
    }

    String require(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new UserError("--" + name + " is required");
        }
        return v;
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    boolean has(String name) {
        return values.containsKey(name) || switches.contains(name);
    }

    /** A positive whole number, or {@code fallback} when the flag is absent. */
    int positive(String name, int fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError("--" + name + " must be a positive whole number, got '" + v + "'");
    }
}
