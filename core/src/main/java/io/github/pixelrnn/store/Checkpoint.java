package io.github.pixelrnn.store;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.Version;
import io.github.pixelrnn.data.AtomicFiles;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.model.PixelModel;
import io.github.pixelrnn.nn.Parameters;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A checkpoint is a directory:
 *
 * <pre>
 *   config.json      {format, version, model: ModelConfig, train: TrainConfig}
 *   parameters.bin   the network's parameters (DJL block format)
 *   optimizer.bin    the optimizer's state (moments, step count), when saved by training
 *   averaged.bin     the weights' moving average and its update count, when trained with --ema
 *   state.json       {step, seed, optimizer, metrics}
 *   provenance.json  what made it: code, engine, data, invocations ({@link Provenance})
 *   manifest.json    every parameter's full path and shape, in the order of parameters.bin (format 2)
 * </pre>
 *
 * Training resumes from the raw weights ({@link #load(Path)}); inference
 * ({@link #load(Path, Weights)}) uses the averaged weights when the checkpoint has them, unless
 * asked for the raw ones, and reads no optimizer state.
 *
 * Written atomically: everything goes to {@code DIR.tmp}, each file is fsynced, then the old
 * directory is moved aside to {@code DIR.old}, the new one renamed into place and the old one
 * deleted. A crash at any point leaves either the old or the new checkpoint complete; loading
 * falls back to {@code DIR.old} when {@code DIR} is missing.
 */
public final class Checkpoint {
    /** The moving average of the weights in a checkpoint trained with {@code --ema}. */
    public static final String AVERAGED = "averaged.bin";
    /** What made the checkpoint ({@link Provenance}). */
    public static final String PROVENANCE = "provenance.json";
    /** Every parameter's full path and shape, in the order of parameters.bin (format 2). */
    public static final String MANIFEST = "manifest.json";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .serializeSpecialFloatingPointValues().registerTypeAdapterFactory(new StrictEnums()).create();

    /** What {@code config.json} holds. */
    public record Config(int format, String version, ModelConfig model, TrainConfig train) {
    }

    /** What {@code state.json} holds. */
    public record State(long step, long seed, String optimizer, double validationNats, double trainNats) {
    }

    /** Which weights an inference load puts in the model. */
    public enum Weights {
        /** The moving average when the checkpoint has one, else the raw weights. */
        AVERAGED,
        /** The weights the optimizer left. */
        RAW
    }

    /**
     * A loaded checkpoint; close it to release the model.
     *
     * @param optimizerState the optimizer's state (training loads only), or null
     * @param averageState the weights' moving average (training loads only), or null
     * @param averaged whether the model holds the averaged weights
     * @param provenance what made it, or null for a checkpoint written before provenance was kept
     */
    public record Loaded(Path dir, Config config, State state, PixelModel model, NDList optimizerState,
            NDList averageState, boolean averaged, Provenance provenance) implements AutoCloseable {
        @Override
        public void close() {
            model.close();
        }
    }

    private Checkpoint() {
    }

    /**
     * What training keeps beside the weights, to continue exactly where it stopped.
     *
     * @param optimizer the optimizer's state (moments, step count), or null
     * @param average the weights' moving average and its update count, or null
     */
    public record TrainingState(NDList optimizer, NDList average) {
    }

    /** Saves a model with no training state (an export, a test) atomically to {@code dir}. */
    public static void save(Path dir, PixelModel model, TrainConfig train, State state) {
        save(dir, model, train, null, state, null);
    }

    /**
     * Saves atomically to {@code dir}.
     *
     * @param training the optimizer's state and the moving average, or null for none
     * @param provenance what made the model, or null
     */
    public static void save(Path dir, PixelModel model, TrainConfig train, TrainingState training, State state,
            Provenance provenance) {
        Path abs = dir.toAbsolutePath();
        Path tmp = sibling(abs, ".tmp");
        Path old = sibling(abs, ".old");
        try {
            Files.createDirectories(abs.getParent());
            AtomicFiles.deleteTree(tmp);
            Files.createDirectories(tmp);
            Config config = new Config(Version.CHECKPOINT_FORMAT, Version.VERSION, model.config(), train);
            writeText(tmp.resolve("config.json"), GSON.toJson(config));
            try (OutputStream os = Files.newOutputStream(tmp.resolve("parameters.bin"));
                    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os))) {
                model.saveParameters(out);
            }
            fsync(tmp.resolve("parameters.bin"));
            if (training != null && training.optimizer() != null) {
                Files.write(tmp.resolve("optimizer.bin"), training.optimizer().encode());
                fsync(tmp.resolve("optimizer.bin"));
            }
            if (training != null && training.average() != null) {
                Files.write(tmp.resolve(AVERAGED), training.average().encode());
                fsync(tmp.resolve(AVERAGED));
            }
            writeText(tmp.resolve("state.json"), GSON.toJson(state));
            writeText(tmp.resolve(MANIFEST), GSON.toJson(manifest(model)));
            if (provenance != null) {
                writeText(tmp.resolve(PROVENANCE), GSON.toJson(provenance));
            }
            if (Files.exists(abs)) {
                AtomicFiles.deleteTree(old);
                Files.move(abs, old, StandardCopyOption.ATOMIC_MOVE);
            }
            // From here on a complete checkpoint exists at every instant: DIR.old until the
            // rename, DIR after it. (When only DIR.old existed, it is deleted only now.)
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.deleteTree(old);
        } catch (AccessDeniedException e) {
            throw new UserError("cannot write checkpoint " + dir + ": permission denied (" + e.getFile() + ")");
        } catch (IOException e) {
            throw new UserError("cannot write checkpoint " + dir + ": " + reason(e));
        }
    }

    /** True when {@code dir} (or its {@code .old} twin) holds a checkpoint. */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve("config.json"))
                || Files.isRegularFile(sibling(dir.toAbsolutePath(), ".old").resolve("config.json"));
    }

    /** The configuration a checkpoint was saved with, without loading its weights. */
    public static Config readConfig(Path dir) {
        Path d = dir.toAbsolutePath();
        if (!Files.isDirectory(d) && Files.isDirectory(sibling(d, ".old"))) {
            d = sibling(d, ".old");
        }
        try {
            Config config = readJson(d.resolve("config.json"), Config.class);
            if (config == null || config.model() == null) {
                throw new UserError("checkpoint " + dir + " has no model config");
            }
            return config;
        } catch (NoSuchFileException e) {
            throw new UserError(dir + " is not a checkpoint (no config.json in a directory)");
        } catch (IOException e) {
            throw new UserError("cannot read checkpoint " + dir + ": " + reason(e));
        } catch (JsonParseException e) {
            throw new UserError("checkpoint " + dir + " has a corrupt config.json");
        }
    }

    /**
     * Loads a checkpoint to continue training: the raw weights, the optimizer's state and the
     * weights' moving average; a one-line {@link UserError} for anything wrong with it.
     */
    public static Loaded load(Path dir) {
        return load(dir, null);
    }

    /**
     * Loads a checkpoint for inference: the {@code weights} asked for, no optimizer state; a
     * one-line {@link UserError} for anything wrong with it.
     */
    public static Loaded load(Path dir, Weights weights) {
        Path d = dir.toAbsolutePath();
        if (!Files.isDirectory(d) && Files.isDirectory(sibling(d, ".old"))) {
            d = sibling(d, ".old");
        }
        if (!Files.exists(d)) {
            throw new UserError("no checkpoint at " + dir);
        }
        if (!Files.isDirectory(d) || !Files.isRegularFile(d.resolve("config.json"))) {
            throw new UserError(dir + " is not a checkpoint (no config.json in a directory)");
        }
        Config config;
        State state;
        try {
            config = readJson(d.resolve("config.json"), Config.class);
            Path statePath = d.resolve("state.json");
            state = Files.exists(statePath) ? readJson(statePath, State.class)
                    : new State(0, 0, null, Double.NaN, Double.NaN);
        } catch (IOException e) {
            throw new UserError("cannot read checkpoint " + dir + ": " + reason(e));
        } catch (JsonParseException e) {
            throw new UserError("checkpoint " + dir + " has a corrupt config.json or state.json");
        }
        if (config == null || config.model() == null) {
            throw new UserError("checkpoint " + dir + " has no model config");
        }
        if (config.format() < 1 || config.format() > Version.CHECKPOINT_FORMAT) {
            throw new UserError("checkpoint " + dir + " has format " + config.format() + "; this pixelrnn reads formats"
                    + " 1 to " + Version.CHECKPOINT_FORMAT + (config.format() > Version.CHECKPOINT_FORMAT
                            ? " (it was written by a newer pixelrnn)" : ""));
        }
        TrainConfig t = config.train();
        if (t != null && (t.dataset() == null || t.optimizer() == null || t.schedule() == null)) {
            // every pixelrnn wrote these; without them a resume or an evaluation would fail later
            throw new UserError("checkpoint " + dir + " has a corrupt config.json (its training settings lack the "
                    + (t.dataset() == null ? "data set" : t.optimizer() == null ? "optimizer" : "schedule") + ")");
        }
        ModelConfig modelConfig;
        try {
            modelConfig = config.model().validate();
        } catch (UserError e) {
            throw new UserError("checkpoint " + dir + " describes a model this version cannot build: " + e.getMessage());
        }
        PixelModel model = PixelModel.empty(modelConfig);
        if (config.format() >= 2) {
            checkManifest(d, dir, model);
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                Files.newInputStream(d.resolve("parameters.bin"))))) {
            model.loadParameters(in);
        } catch (NoSuchFileException e) {
            model.close();
            throw new UserError("checkpoint " + dir + " has no parameters.bin");
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new UserError("checkpoint " + dir + " does not match its config (another architecture, or a "
                    + "corrupt parameters.bin): " + reason(e));
        }
        boolean training = weights == null;
        NDList optimizerState = training ? readList(d, "optimizer.bin", model, dir) : null;
        NDList averageState = training || weights == Weights.AVERAGED ? readList(d, AVERAGED, model, dir) : null;
        boolean averaged = false;
        if (!training && averageState != null) {
            try {
                Parameters.copyInto(model.parameters(), averageState.subNDList(1));
            } catch (IllegalArgumentException e) {
                model.close();
                throw new UserError("checkpoint " + dir + " has an " + AVERAGED + " that does not match its model: "
                        + e.getMessage());
            }
            averageState.close();
            averageState = null;
            averaged = true;
        }
        return new Loaded(d, config, state, model, optimizerState, averageState, averaged, readProvenance(d, dir));
    }

    /** One entry of {@code manifest.json}: a parameter's full path and shape. */
    record Entry(String path, long[] shape) {
        String describe() {
            return path + " " + (shape == null ? "(no shape)" : new ai.djl.ndarray.types.Shape(shape));
        }
    }

    private static java.util.List<Entry> manifest(PixelModel model) {
        java.util.List<Entry> list = new java.util.ArrayList<>();
        for (var p : model.manifest()) {
            list.add(new Entry(p.getKey(), p.getValue().getShape()));
        }
        return list;
    }

    /**
     * Format 2 and later: the checkpoint's parameters, path by path and shape by shape, must be
     * the model's (parameters.bin holds them in that order); a one-line error names the first
     * that is not, where format 1 could only compare shapes and so would load two swapped
     * children of equal shape silently.
     */
    private static void checkManifest(Path d, Path dir, PixelModel model) {
        Entry[] saved;
        try {
            saved = readJson(d.resolve(MANIFEST), Entry[].class);
        } catch (NoSuchFileException e) {
            model.close();
            throw new UserError("checkpoint " + dir + " has no " + MANIFEST);
        } catch (IOException | JsonParseException e) {
            model.close();
            throw new UserError("checkpoint " + dir + " has a corrupt " + MANIFEST);
        }
        java.util.List<Entry> want = manifest(model);
        for (int i = 0; i < Math.max(want.size(), saved == null ? 0 : saved.length); i++) {
            Entry s = saved != null && i < saved.length ? saved[i] : null;
            Entry w = i < want.size() ? want.get(i) : null;
            if (s == null || w == null || !w.path().equals(s.path()) || !java.util.Arrays.equals(s.shape(), w.shape())) {
                model.close();
                throw new UserError("checkpoint " + dir + " does not match its model at parameter " + (i + 1) + ": the "
                        + "checkpoint has " + (s == null ? "none" : s.describe()) + ", the model "
                        + (w == null ? "none" : w.describe()));
            }
        }
    }

    /**
     * Reads a JSON file of a checkpoint. Gson reports some malformed values (a number such as
     * {@code 0n9}, an object where a string belongs) as {@link NumberFormatException} or
     * {@link IllegalStateException} rather than as its own exception; all of them become a
     * {@link JsonParseException} here, so that a corrupt file is one line for the user.
     */
    static <T> T readJson(Path file, Class<T> type) throws IOException {
        String text = Files.readString(file);
        try {
            return GSON.fromJson(text, type);
        } catch (NumberFormatException | IllegalStateException | ClassCastException | UnsupportedOperationException e) {
            throw new JsonParseException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** The provenance of a checkpoint directory, or null when it has none. */
    public static Provenance readProvenance(Path d, Path dir) {
        Path file = d.resolve(PROVENANCE);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return readJson(file, Provenance.class);
        } catch (IOException e) {
            throw new UserError("cannot read checkpoint " + dir + ": " + reason(e));
        } catch (JsonParseException e) {
            throw new UserError("checkpoint " + dir + " has a corrupt " + PROVENANCE);
        }
    }

    /** A list of arrays saved beside the parameters, or null when the checkpoint has none. */
    private static NDList readList(Path d, String name, PixelModel model, Path dir) {
        Path file = d.resolve(name);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return NDList.decode(model.manager(), Files.readAllBytes(file));
        } catch (IOException | RuntimeException e) {
            model.close();
            throw new UserError("checkpoint " + dir + " has a corrupt " + name + ": " + reason(e));
        }
    }

    /**
     * The checkpoint a user's path names: the path itself when it holds a checkpoint, else the
     * {@code checkpoint} directory of a run directory (or its {@code .old} twin after a crash).
     */
    public static Path resolve(String spec) {
        return Pretrained.names(spec) ? Pretrained.resolve(spec) : resolve(Path.of(spec));
    }

    /** As {@link #resolve(String)} for a path. */
    public static Path resolve(Path path) {
        if (Pretrained.names(path.toString())) {
            return Pretrained.resolve(path.toString());
        }
        if (!Files.isRegularFile(path.resolve("config.json")) && exists(path.resolve(RunDirectory.CHECKPOINT))) {
            return path.resolve(RunDirectory.CHECKPOINT);
        }
        return path;
    }

    /** Loads only the model of a checkpoint, for inference (averaged weights when it has them). */
    public static PixelModel loadModel(Path dir) {
        return loadModel(dir, Weights.AVERAGED);
    }

    /** Loads only the model of a checkpoint, for inference, with the {@code weights} asked for. */
    public static PixelModel loadModel(Path dir, Weights weights) {
        return load(dir, weights).model();
    }

    private static Path sibling(Path dir, String suffix) {
        return dir.resolveSibling(dir.getFileName() + suffix);
    }

    private static void writeText(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        fsync(file);
    }

    private static void fsync(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    private static String reason(Exception e) {
        return AtomicFiles.reason(e);
    }
}
