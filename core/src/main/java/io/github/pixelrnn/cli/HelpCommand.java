package io.github.pixelrnn.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code help [COMMAND]}: the command list, or one command's options; the {@link Shell} prints
 * them. A tree that has it sets its synopsis and description.
 */
@Command(name = "help")
public final class HelpCommand {
    @Parameters(arity = "0..1", paramLabel = "COMMAND", description = "the command to describe")
    String command;
}
