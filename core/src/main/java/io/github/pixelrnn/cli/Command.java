package io.github.pixelrnn.cli;

import java.util.Set;

/** One subcommand of the {@code pixelrnn} tool. */
interface Command {
    String name();

    /** One line for the command list. */
    String summary();

    /** Full usage text, shown by {@code pixelrnn help NAME}. */
    String usage();

    Set<String> valueFlags();

    Set<String> switches();

    /** Whether the command takes file arguments besides its options. */
    default boolean takesFiles() {
        return false;
    }

    /** Runs the command; returns the exit code. */
    int run(Args args) throws Exception;
}
