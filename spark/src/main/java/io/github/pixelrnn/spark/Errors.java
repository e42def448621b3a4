package io.github.pixelrnn.spark;

import io.github.pixelrnn.UserError;

/**
 * The one-line cause of a failed Spark job. An exception thrown in a task reaches the driver
 * wrapped (a {@code SparkException} "Job aborted due to stage failure: ..." whose message holds
 * the executor's whole stack trace, sometimes wrapped again by the writer); the user's mistake is
 * the {@link UserError} somewhere in its causes, and its message is what to show.
 */
public final class Errors {
    private Errors() {
    }

    /** The innermost {@link UserError} among {@code t} and its causes, or null when there is none. */
    public static UserError userError(Throwable t) {
        UserError found = null;
        for (Throwable c = t; c != null && c != c.getCause(); c = c.getCause()) {
            if (c instanceof UserError u) {
                found = u;
            }
        }
        return found;
    }

    /** The one line to show for {@code t}: its user error's message, else the root cause's first line. */
    public static String message(Throwable t) {
        UserError u = userError(t);
        if (u != null) {
            return u.getMessage();
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + reason(root);
    }

    /** An exception's message's first line, or its class name when it has none. */
    static String reason(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
