package io.github.pixelrnn.spark;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.store.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * A checkpoint as a local directory, which is what {@link Checkpoint} reads: a local path as it
 * is, a Hadoop URI copied once per JVM into a temporary directory (deleted when the JVM exits).
 * A run directory's {@code checkpoint/} is found as {@link Checkpoint#resolve(Path)} finds it.
 */
final class LocalCheckpoints {
    private static final Map<String, Path> COPIES = new ConcurrentHashMap<>();

    private LocalCheckpoints() {
    }

    /**
     * The local checkpoint directory of {@code source}, checked to hold a readable
     * {@code config.json}; a one-line {@link UserError} when it does not.
     *
     * @param hadoop the configuration to open a Hadoop URI with (unused for local paths)
     */
    static Path of(ModelSource source, Configuration hadoop) {
        Path dir = source.onHadoop()
                ? COPIES.computeIfAbsent(source.uri(), uri -> copy(uri, hadoop))
                : Checkpoint.resolve(source.uri());
        Checkpoint.readConfig(dir);
        return dir;
    }

    /** Copies the checkpoint at {@code uri} (or its run directory's {@code checkpoint/}) to a temporary directory. */
    private static Path copy(String uri, Configuration hadoop) {
        org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(uri);
        try {
            FileSystem fs = src.getFileSystem(hadoop);
            if (!fs.exists(new org.apache.hadoop.fs.Path(src, "config.json"))) {
                org.apache.hadoop.fs.Path inRun = new org.apache.hadoop.fs.Path(src, "checkpoint");
                if (!fs.exists(new org.apache.hadoop.fs.Path(inRun, "config.json"))) {
                    throw new UserError(uri + " is not a checkpoint (no config.json in it or in its checkpoint/)");
                }
                src = inRun;
            }
            Path local = Files.createTempDirectory("pixelrnn-checkpoint-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(local)));
            for (FileStatus f : fs.listStatus(src)) {
                if (f.isFile()) {
                    fs.copyToLocalFile(false, f.getPath(), new org.apache.hadoop.fs.Path(
                            local.resolve(f.getPath().getName()).toUri()), true);
                }
            }
            return local;
        } catch (IOException | RuntimeException e) {
            if (e instanceof UserError u) {
                throw u;
            }
            throw new UserError("cannot read checkpoint " + uri + ": " + Errors.reason(e), e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind; nothing to report at exit
        }
    }
}
