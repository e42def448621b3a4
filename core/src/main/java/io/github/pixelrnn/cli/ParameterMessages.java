package io.github.pixelrnn.cli;

import java.util.List;
import java.util.Locale;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The wording of picocli's parse errors as one line, shared by this CLI ({@link Main}) and the
 * Spark job: a mistyped option with picocli's suggestions, a stray argument, and picocli's own
 * messages cut to their first line.
 */
public final class ParameterMessages {
    private ParameterMessages() {
    }

    /**
     * "unknown option '--x'; did you mean --y?" (up to three suggestions), or "unexpected
     * argument 'x'"; with no suggestion, {@code known} (when not null) is listed instead.
     */
    public static String unmatched(UnmatchedArgumentException e, List<String> known) {
        String first = e.getUnmatched().isEmpty() ? "" : e.getUnmatched().get(0);
        if (!first.startsWith("-")) {
            return "unexpected argument '" + first + "'";
        }
        String message = "unknown option '" + first + "'";
        List<String> close = e.getSuggestions();
        if (!close.isEmpty()) {
            return message + "; did you mean " + String.join(" or ", close.subList(0, Math.min(3, close.size()))) + "?";
        }
        return known == null ? message : message + "; known: " + String.join(", ", known);
    }

    /** The first line of {@code message}, starting in lower case ("" for null). */
    public static String firstLine(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        return line.isEmpty() ? line : line.substring(0, 1).toLowerCase(Locale.ROOT) + line.substring(1);
    }
}
