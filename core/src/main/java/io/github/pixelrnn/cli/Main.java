package io.github.pixelrnn.cli;

import ai.djl.engine.EngineException;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.Version;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Entry point of the {@code pixelrnn} command-line tool, built on picocli: each option is
 * declared once, with its help text, on the command (or the shared option class) that uses it.
 * A {@link UserError} or a malformed command line anywhere becomes one line on standard error and
 * exit code 2; no stack trace is shown unless {@code PIXELRNN_DEBUG=1}.
 */
@Command(name = "pixelrnn", mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class, sortOptions = false,
        header = "pixelrnn: exact-likelihood autoregressive image models (PixelCNN, PixelRNN) on the JVM%n",
        synopsisHeading = "usage: ", customSynopsis = "pixelrnn COMMAND [options]     (pixelrnn help COMMAND for its options)",
        commandListHeading = "%ncommands:%n",
        footer = {"", "Shell completion: source <(pixelrnn completion)"})
public final class Main {
    private Main() {
    }

    /** The subcommands, in the order the help lists them. */
    private static List<Object> commands() {
        return List.of(new DemoCommand(), new TrainCommand(), new EvalCommand(), new ScoreCommand(),
                new SampleCommand(), new CompleteCommand(), new CompressCommand(), new DecompressCommand(),
                new OodCommand(), new PlotCommand(), new InfoCommand(), new ModelsCommand(), new ExportCommand(),
                new BenchCommand(), new PresetsCommand(), new HelpCommand());
    }

    /** The whole command tree, made anew for each command line. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        for (Object c : commands()) {
            CommandLine sub = new CommandLine(c);
            // --help and --version on every command (an inherited scope would repeat the root's header)
            sub.getCommandSpec().mixinStandardHelpOptions(true).versionProvider(new VersionProvider())
                    .usageMessage().synopsisHeading("usage: ");
            cl.addSubcommand(sub);
        }
        CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
        completion.getCommandSpec().usageMessage().hidden(false)
                .description("print a bash/zsh completion script: source <(pixelrnn completion)");
        cl.addSubcommand("completion", completion);
        // Converters and settings reach every subcommand registered so far.
        cl.registerConverter(Integer.class, Main::integer).registerConverter(int.class, Main::integer)
                .registerConverter(Long.class, Main::whole).registerConverter(long.class, Main::whole)
                .registerConverter(Double.class, Main::number).registerConverter(double.class, Main::number);
        cl.setOverwrittenOptionsAllowed(true); // a later --preset replaces an earlier one, as in most tools
        cl.setUsageHelpWidth(100);
        return cl;
    }

    public static void main(String[] argv) {
        System.exit(run(argv));
    }

    /** Runs one command line and returns its exit code (0 ok, 1 internal error, 2 bad input). */
    public static int run(String[] argv) {
        boolean debug = "1".equals(System.getenv("PIXELRNN_DEBUG"));
        try {
            CommandLine root = commandLine();
            if (argv.length == 0) {
                System.out.print(usage(root));
                return 0;
            }
            ParseResult parsed;
            try {
                parsed = root.parseArgs(argv);
            } catch (ParameterException e) {
                throw new UserError(describe(e));
            }
            ParseResult leaf = parsed;
            while (leaf.hasSubcommand()) {
                leaf = leaf.subcommand();
            }
            CommandLine c = leaf.commandSpec().commandLine();
            if (c.isUsageHelpRequested() || c == root && !c.isVersionHelpRequested()) {
                System.out.print(usage(c));
                return 0;
            }
            if (c.isVersionHelpRequested()) {
                System.out.println(new VersionProvider().getVersion()[0]);
                return 0;
            }
            Object command = c.getCommand();
            if (command instanceof Runnable r) {
                r.run();
                System.out.flush();
                return 0;
            }
            @SuppressWarnings("unchecked")
            Callable<Integer> callable = (Callable<Integer>) command;
            return callable.call();
        } catch (UserError e) {
            System.err.println("error: " + e.getMessage());
            if (debug) {
                e.printStackTrace();
            }
            return 2;
        } catch (EngineException e) {
            System.err.println("error: the PyTorch engine failed: " + firstLine(e.getMessage()));
            if (debug) {
                e.printStackTrace();
            }
            return 1;
        } catch (OutOfMemoryError e) {
            System.err.println("error: out of memory; try a smaller --batch (or a larger -Xmx in JAVA_OPTS)");
            return 1;
        } catch (Exception e) {
            System.err.println("internal error: " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage())
                    + (debug ? "" : " (run with PIXELRNN_DEBUG=1 for details)"));
            if (debug) {
                e.printStackTrace();
            }
            return 1;
        }
    }

    /** The help text of a command, ending in a newline. */
    static String usage(CommandLine c) {
        String text = c.getUsageMessage();
        return text.endsWith("\n") ? text : text + "\n";
    }

    /** One line for a malformed command line: the command, what is wrong, and a suggestion. */
    static String describe(ParameterException e) {
        CommandLine at = e.getCommandLine();
        String name = at.getCommandName();
        if (e instanceof UnmatchedArgumentException u && at.getParent() == null && !u.getUnmatched().isEmpty()
                && !u.getUnmatched().get(0).startsWith("-")) {
            return unknownCommand(u.getUnmatched().get(0), at);
        }
        String message = e instanceof UnmatchedArgumentException u ? ParameterMessages.unmatched(u, null)
                : ParameterMessages.firstLine(e.getMessage());
        return name + ": " + message + " (see: pixelrnn help " + name + ")";
    }

    /** The one line for a command that does not exist. */
    static String unknownCommand(String name, CommandLine root) {
        return "unknown command '" + name + "'; known: " + String.join(", ", root.getSubcommands().keySet());
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    private static Integer integer(String s) {
        long v = whole(s);
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw new CommandLine.TypeConversionException("out of range: " + s);
        }
        return (int) v;
    }

    private static Long whole(String s) {
        try {
            return Long.parseLong(s.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("needs a whole number, got '" + s + "'");
        }
    }

    private static Double number(String s) {
        try {
            double d = Double.parseDouble(s);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new CommandLine.TypeConversionException("needs a finite number, got '" + s + "'");
    }

    /** {@code --version}: the library version and the commit it was built from. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"pixelrnn " + Version.VERSION};
        }
    }
}
