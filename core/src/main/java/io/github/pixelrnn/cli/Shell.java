package io.github.pixelrnn.cli;

import ai.djl.engine.EngineException;
import io.github.pixelrnn.UserError;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command shell of this CLI ({@link Main}) and of the Spark job: one picocli command tree
 * with the same settings, one way to parse a command line, to show help, and to end with one line
 * and an exit code: 0 done, 2 a user's mistake (a malformed command line, a {@link UserError}),
 * 1 anything else. No stack trace is shown unless {@code PIXELRNN_DEBUG=1}.
 */
public final class Shell {
    private final String program;
    private final PrintStream helpOut;
    private final boolean helpHint;
    private final Function<Throwable, UserError> userError;
    private final Function<Throwable, String> otherFailure;

    /**
     * @param program how usage lines name the program ("pixelrnn")
     * @param helpOut where help goes (standard output for the CLI; the job's is standard error)
     * @param helpHint whether a command's option errors end in "(see: PROGRAM help COMMAND)"
     * @param userError the user's mistake behind a failure, or null (a task's failure may wrap it)
     * @param otherFailure the one line for any other failure
     */
    public Shell(String program, PrintStream helpOut, boolean helpHint, Function<Throwable, UserError> userError,
            Function<Throwable, String> otherFailure) {
        this.program = program;
        this.helpOut = helpOut;
        this.helpHint = helpHint;
        this.userError = userError;
        this.otherFailure = otherFailure;
    }

    /**
     * A parsed command line: the command to run and its name, or (command null) the exit code
     * already due, help or the error having been printed.
     */
    public record Parsed(Object command, String name, int code) {
    }

    /**
     * The settings of every command tree of ours, to call once its subcommands are added: the last
     * of a repeated option wins, an argument starting with @ is a path (not a file of arguments),
     * help is 100 columns wide, and parse errors are collected so that the best one is reported
     * ({@link #parseArgs}).
     */
    public static CommandLine configure(CommandLine root) {
        root.setOverwrittenOptionsAllowed(true);
        root.setExpandAtFiles(false);
        root.setUsageHelpWidth(100);
        root.getCommandSpec().parser().collectErrors(true);
        for (CommandLine sub : root.getSubcommands().values()) {
            sub.getCommandSpec().parser().collectErrors(true);
        }
        return root;
    }

    /**
     * Parses {@code args} on a tree from {@link #configure}, throwing its first error: the first one
     * met while parsing, else a missing required option ({@code score --bach 3} is an unknown
     * option, not a missing {@code --input}).
     */
    public static ParseResult parseArgs(CommandLine c, String... args) {
        ParseResult parsed = c.parseArgs(args);
        Exception first = null;
        for (ParseResult r = parsed; r != null; r = r.hasSubcommand() ? r.subcommand() : null) {
            for (Exception e : r.errors()) {
                if (!missingOption(e)) {
                    throw unchecked(e);
                }
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw unchecked(first);
        }
        return parsed;
    }

    /**
     * Parses {@code args}; help (of the tree, of a command, or through its {@link HelpCommand}), the
     * version, or the one line of a malformed command line is printed at once.
     */
    public Parsed parse(CommandLine root, String[] args, PrintStream err) {
        try {
            if (args.length == 0) {
                helpOut.print(usage(root));
                return new Parsed(null, null, 0);
            }
            ParseResult leaf = parseArgs(root, args);
            while (leaf.hasSubcommand()) {
                leaf = leaf.subcommand();
            }
            CommandLine c = leaf.commandSpec().commandLine();
            if (c.isUsageHelpRequested() || c == root && !c.isVersionHelpRequested()) {
                helpOut.print(usage(c));
                return new Parsed(null, null, 0);
            }
            if (c.isVersionHelpRequested()) {
                helpOut.println(c.getCommandSpec().version()[0]);
                return new Parsed(null, null, 0);
            }
            if (c.getCommand() instanceof HelpCommand h) {
                helpOut.print(usage(h.command == null ? root : subcommand(root, h.command)));
                return new Parsed(null, null, 0);
            }
            return new Parsed(c.getCommand(), c.getCommandName(), 0);
        } catch (ParameterException e) {
            err.println("error: " + describe(e));
            return new Parsed(null, null, 2);
        } catch (RuntimeException e) {
            return new Parsed(null, null, failure(e, err));
        }
    }

    /** Runs {@code task} and returns its exit code, or the one line and exit code of its failure. */
    public int execute(Callable<Integer> task, PrintStream err) {
        try {
            return task.call();
        } catch (Exception | OutOfMemoryError e) {
            return failure(e, err);
        }
    }

    /** Prints the one line of a failure and returns its exit code: 2 for a user's mistake, else 1. */
    public int failure(Throwable e, PrintStream err) {
        UserError u = userError.apply(e);
        String line;
        if (u != null) {
            line = "error: " + u.getMessage();
        } else if (e instanceof EngineException) {
            line = "error: the PyTorch engine failed: " + firstLine(e.getMessage());
        } else if (e instanceof OutOfMemoryError) {
            line = "error: out of memory; try a smaller --batch (or a larger -Xmx in JAVA_OPTS)";
        } else {
            line = otherFailure.apply(e);
        }
        err.println(line);
        if ("1".equals(System.getenv("PIXELRNN_DEBUG"))) {
            e.printStackTrace(err);
        }
        return u != null ? 2 : 1;
    }

    /** The user's mistake in {@code e}'s chain of causes, or null. */
    public static UserError userErrorIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UserError u) {
                return u;
            }
        }
        return null;
    }

    /** The help text of a command (no colours), ending in a newline. */
    public static String usage(CommandLine c) {
        String text = c.getUsageMessage(Help.Ansi.OFF);
        return text.endsWith("\n") ? text : text + "\n";
    }

    /**
     * The one line (after "error: ") for a malformed command line: an unknown command, a mistyped
     * option with picocli's suggestions (else the command's options), a bad positive number, a
     * missing option or value, or picocli's own message cut to one line.
     */
    public String describe(ParameterException e) {
        CommandLine at = e.getCommandLine();
        boolean top = at.getParent() == null;
        String message = ParameterMessages.firstLine(e.getMessage());
        if (e instanceof UnmatchedArgumentException u) {
            if (top && !at.getSubcommands().isEmpty()) {
                return unknownCommand(u.getUnmatched().isEmpty() ? "" : u.getUnmatched().get(0), at);
            }
            message = ParameterMessages.unmatched(u, optionNames(at));
        } else if (e.getCause() instanceof NotPositive && e.getArgSpec() instanceof OptionSpec o) {
            return o.longestName() + " must be a positive whole number, got '" + e.getValue() + "'";
        } else if (e instanceof MissingParameterException m && !m.getMissing().isEmpty()
                && m.getMissing().get(0) instanceof OptionSpec) {
            OptionSpec o = (OptionSpec) m.getMissing().stream()
                    .min(Comparator.comparingInt(a -> a instanceof OptionSpec s ? s.order() : 0)).orElseThrow();
            return o.longestName() + (missingOption(e) ? " is required" : " needs a value");
        }
        if (top) {
            return message;
        }
        String name = at.getCommandName();
        return name + ": " + message + (helpHint ? " (see: " + program + " help " + name + ")" : "");
    }

    /** "unknown command 'x'; known: a, b, c" (the commands that do something: help is not listed). */
    public static String unknownCommand(String name, CommandLine root) {
        List<String> known = root.getSubcommands().entrySet().stream()
                .filter(e -> !(e.getValue().getCommand() instanceof HelpCommand)).map(java.util.Map.Entry::getKey).toList();
        return "unknown command '" + name + "'; known: " + String.join(", ", known);
    }

    private static CommandLine subcommand(CommandLine root, String name) {
        CommandLine c = root.getSubcommands().get(name);
        if (c == null || c.getCommand() instanceof HelpCommand) {
            throw new UserError(unknownCommand(name, root));
        }
        return c;
    }

    private static List<String> optionNames(CommandLine c) {
        return c.getCommandSpec().options().stream().filter(o -> !o.hidden()).map(OptionSpec::longestName).sorted()
                .toList();
    }

    /** Whether {@code e} is picocli's "Missing required option(s): ...", not a missing value. */
    private static boolean missingOption(Exception e) {
        return e instanceof MissingParameterException m && !m.getMissing().isEmpty()
                && m.getMissing().get(0) instanceof OptionSpec
                && firstLine(m.getMessage()).startsWith("Missing required option");
    }

    /** picocli collects its own (unchecked) exceptions, but lists them as {@code Exception}. */
    private static RuntimeException unchecked(Exception e) {
        return e instanceof RuntimeException r ? r : new CommandLine.PicocliException(e.getMessage(), e);
    }

    static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    /**
     * The converter of a number that must be a positive whole number; a bad one reads "--NAME must
     * be a positive whole number, got 'VALUE'" ({@link #describe}).
     */
    public static final class Positive implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int n = Integer.parseInt(value.trim());
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new NotPositive();
        }
    }

    /** A value that is not a positive whole number; {@link #describe} names the option. */
    static final class NotPositive extends CommandLine.TypeConversionException {
        private static final long serialVersionUID = 1L;

        NotPositive() {
            super("not a positive whole number");
        }
    }
}
