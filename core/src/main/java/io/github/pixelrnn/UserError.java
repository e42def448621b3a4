package io.github.pixelrnn;

/**
 * A problem with what the user asked for or gave us (a flag, a file, a checkpoint), as opposed
 * to a bug. The CLI prints its message as one line and exits with code 2; the message must
 * therefore name the problem and, where it helps, the fix.
 */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
