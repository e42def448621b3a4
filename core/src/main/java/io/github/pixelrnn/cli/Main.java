package io.github.pixelrnn.cli;

import io.github.pixelrnn.Version;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code pixelrnn} command-line tool, built on picocli: each option is
 * declared once, with its help text, on the command (or the shared option class) that uses it,
 * and the {@link Shell} it shares with the Spark job parses, shows help and reports failures.
 * A user's mistake (a {@code UserError}) or a malformed command line anywhere becomes one line
 * on standard error and exit code 2; no stack trace is shown unless {@code PIXELRNN_DEBUG=1}.
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
                new ClassifyCommand(), new JudgeCommand(), new SampleCommand(), new CompleteCommand(),
                new CompressCommand(), new DecompressCommand(), new OodCommand(), new PlotCommand(), new InfoCommand(),
                new ModelsCommand(), new ExportCommand(), new BenchCommand(), new PresetsCommand(), new HelpCommand());
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
        cl.getSubcommands().get("help").getCommandSpec().usageMessage()
                .customSynopsis("pixelrnn help [COMMAND]")
                .description("list the commands, or show one command's options: pixelrnn help COMMAND");
        CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
        completion.getCommandSpec().usageMessage().hidden(false)
                .description("print a bash/zsh completion script: source <(pixelrnn completion)");
        cl.addSubcommand("completion", completion);
        // Converters reach every subcommand registered so far.
        cl.registerConverter(Integer.class, Main::integer).registerConverter(int.class, Main::integer)
                .registerConverter(Long.class, Main::whole).registerConverter(long.class, Main::whole)
                .registerConverter(Double.class, Main::number).registerConverter(double.class, Main::number);
        return Shell.configure(cl);
    }

    public static void main(String[] argv) {
        System.exit(run(argv));
    }

    /** Runs one command line and returns its exit code (0 ok, 1 internal error, 2 bad input). */
    public static int run(String[] argv) {
        Shell shell = new Shell("pixelrnn", System.out, true, Shell::userErrorIn,
                e -> "internal error: " + e.getClass().getSimpleName() + ": " + Shell.firstLine(e.getMessage())
                        + ("1".equals(System.getenv("PIXELRNN_DEBUG")) ? "" : " (run with PIXELRNN_DEBUG=1 for details)"));
        Shell.Parsed parsed = shell.parse(commandLine(), argv, System.err);
        if (parsed.command() == null) {
            return parsed.code();
        }
        return shell.execute(() -> {
            if (parsed.command() instanceof Runnable r) {
                r.run();
                System.out.flush();
                return 0;
            }
            @SuppressWarnings("unchecked")
            Callable<Integer> callable = (Callable<Integer>) parsed.command();
            return callable.call();
        }, System.err);
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
