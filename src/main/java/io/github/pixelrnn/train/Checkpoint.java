package io.github.pixelrnn.train;

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
 *   state.json       {step, seed, optimizer, metrics}
 * </pre>
 *
 * Written atomically: everything goes to {@code DIR.tmp}, each file is fsynced, then the old
 * directory is moved aside to {@code DIR.old}, the new one renamed into place and the old one
 * deleted. A crash at any point leaves either the old or the new checkpoint complete; loading
 * falls back to {@code DIR.old} when {@code DIR} is missing.
 */
public final class Checkpoint {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    /** What {@code config.json} holds. */
    public record Config(int format, String version, ModelConfig model, TrainConfig train) {
    }

    /** What {@code state.json} holds. */
    public record State(long step, long seed, String optimizer, double validationNats, double trainNats) {
    }

    /** A loaded checkpoint; close it to release the model. */
    public record Loaded(Path dir, Config config, State state, PixelModel model, NDList optimizerState)
            implements AutoCloseable {
        @Override
        public void close() {
            model.close();
        }
    }

    private Checkpoint() {
    }

    /** Saves atomically to {@code dir}; {@code optimizer} may be null. */
    public static void save(Path dir, PixelModel model, TrainConfig train, Optimizer optimizer, State state) {
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
            if (optimizer != null) {
                Files.write(tmp.resolve("optimizer.bin"), optimizer.state().encode());
                fsync(tmp.resolve("optimizer.bin"));
            }
            writeText(tmp.resolve("state.json"), GSON.toJson(state));
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

    /** Loads a checkpoint, with a one-line {@link UserError} for anything wrong with it. */
    public static Loaded load(Path dir) {
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
            config = GSON.fromJson(Files.readString(d.resolve("config.json")), Config.class);
            Path statePath = d.resolve("state.json");
            state = Files.exists(statePath) ? GSON.fromJson(Files.readString(statePath), State.class)
                    : new State(0, 0, null, Double.NaN, Double.NaN);
        } catch (IOException e) {
            throw new UserError("cannot read checkpoint " + dir + ": " + reason(e));
        } catch (JsonParseException e) {
            throw new UserError("checkpoint " + dir + " has a corrupt config.json or state.json");
        }
        if (config == null || config.model() == null) {
            throw new UserError("checkpoint " + dir + " has no model config");
        }
        if (config.format() != Version.CHECKPOINT_FORMAT) {
            throw new UserError("checkpoint " + dir + " has format " + config.format() + ", this version reads "
                    + Version.CHECKPOINT_FORMAT);
        }
        ModelConfig modelConfig;
        try {
            modelConfig = config.model().validate();
        } catch (UserError e) {
            throw new UserError("checkpoint " + dir + " describes a model this version cannot build: " + e.getMessage());
        }
        PixelModel model = PixelModel.create(modelConfig, 0);
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
        NDList optimizerState = null;
        Path opt = d.resolve("optimizer.bin");
        if (Files.exists(opt)) {
            try {
                optimizerState = NDList.decode(model.manager(), Files.readAllBytes(opt));
            } catch (IOException | RuntimeException e) {
                model.close();
                throw new UserError("checkpoint " + dir + " has a corrupt optimizer.bin: " + reason(e));
            }
        }
        return new Loaded(d, config, state, model, optimizerState);
    }

    /**
     * The checkpoint a user's path names: the path itself when it holds a checkpoint, else the
     * {@code checkpoint} directory of a run directory (or its {@code .old} twin after a crash).
     */
    public static Path resolve(Path path) {
        if (!Files.isRegularFile(path.resolve("config.json")) && exists(path.resolve(Trainer.CHECKPOINT))) {
            return path.resolve(Trainer.CHECKPOINT);
        }
        return path;
    }

    /** Loads only the model of a checkpoint (for eval, sample, score, complete). */
    public static PixelModel loadModel(Path dir) {
        return load(dir).model();
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
