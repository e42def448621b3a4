package io.github.pixelrnn.cli;

import io.github.pixelrnn.UserError;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pixelrnn help [COMMAND]}: the command list, or one command's options. */
@Command(name = "help", description = "list the commands, or show one command's options: pixelrnn help COMMAND",
        customSynopsis = "pixelrnn help [COMMAND]")
final class HelpCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "COMMAND", description = "the command to describe")
    String command;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine root = spec.commandLine().getParent();
        if (command == null) {
            System.out.print(Main.usage(root));
            return 0;
        }
        CommandLine c = root.getSubcommands().get(command);
        if (c == null) {
            throw new UserError(Main.unknownCommand(command, root));
        }
        System.out.print(Main.usage(c));
        return 0;
    }
}
