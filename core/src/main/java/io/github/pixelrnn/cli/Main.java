package io.github.pixelrnn.cli;

import ai.djl.engine.EngineException;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.Version;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entry point of the {@code pixelrnn} command-line tool. A {@link UserError} anywhere becomes
 * one line on standard error and exit code 2; no stack trace is shown unless
 * {@code PIXELRNN_DEBUG=1}.
 */
public final class Main {
    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        for (Command c : new Command[] {new DemoCommand(), new TrainCommand(), new EvalCommand(),
                new ScoreCommand(), new SampleCommand(), new CompleteCommand(), new CompressCommand(),
                new DecompressCommand(), new OodCommand(), new PlotCommand(), new InfoCommand(), new ModelsCommand(), new ExportCommand(),
                new BenchCommand(),
                new PresetsCommand()}) {
            COMMANDS.put(c.name(), c);
        }
    }

    private Main() {
    }

    public static void main(String[] argv) {
        System.exit(run(argv));
    }

    /** Runs one command line and returns its exit code (0 ok, 1 internal error, 2 bad input). */
    public static int run(String[] argv) {
        boolean debug = "1".equals(System.getenv("PIXELRNN_DEBUG"));
        try {
            if (argv.length == 0 || argv[0].equals("help") || argv[0].equals("--help") || argv[0].equals("-h")) {
                if (argv.length > 1) {
                    System.out.print(command(argv[1]).usage());
                } else {
                    System.out.print(help());
                }
                return 0;
            }
            if (argv[0].equals("--version") || argv[0].equals("version")) {
                System.out.println("pixelrnn " + Version.VERSION);
                return 0;
            }
            Command c = command(argv[0]);
            io.github.pixelrnn.train.Provenance.setCommandLine("pixelrnn " + String.join(" ", argv));
            String[] rest = Arrays.copyOfRange(argv, 1, argv.length);
            if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
                System.out.print(c.usage());
                return 0;
            }
            Args args = Args.parse(c.name(), rest, c.valueFlags(), c.switches());
            if (!c.takesFiles()) {
                args.noPositional();
            }
            return c.run(args);
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

    private static Command command(String name) {
        Command c = COMMANDS.get(name);
        if (c == null) {
            throw new UserError("unknown command '" + name + "'; known: " + String.join(", ", COMMANDS.keySet()));
        }
        return c;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    static String help() {
        StringBuilder sb = new StringBuilder("""
                pixelrnn: exact-likelihood autoregressive image models (PixelCNN, PixelRNN) on the JVM

                usage: pixelrnn COMMAND [options]     (pixelrnn help COMMAND for its options)

                """);
        for (Command c : COMMANDS.values()) {
            sb.append(String.format("  %-10s %s%n", c.name(), c.summary()));
        }
        return sb.toString();
    }
}
