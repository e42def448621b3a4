package io.github.pixelrnn.cli;

import static io.github.pixelrnn.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelrnn.cli.CliTest.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random mutations of the files users hand the tool (IDX data, PNG images, checkpoints): every
 * run ends with exit code 0 (a correct result) or with exit code 2 and one line on standard
 * error (as {@link CliTest#assertUserError} checks it); never a crash (exit 1, an exception). {@code -Dpixelrnn.fuzz=N} sets the mutations per
 * kind (the suite runs 100; {@code bench/faults.sh} runs 1000).
 */
class FuzzCliTest {
    static final int MUTATIONS = Integer.getInteger("pixelrnn.fuzz", 100);

    @TempDir
    static Path tmp;
    static Path run;

    @BeforeAll
    static void trainOnce() {
        run = tmp.resolve("run");
        CliRun r = run(CliTest.concat(CliTest.concat(new String[] {"train"}, CliTest.TINY), "--ema", "0.9",
                "--out", run.toString()));
        assertEquals(0, r.code(), r.toString());
    }

    static byte[] mutate(byte[] original, Random r) {
        byte[] f = original.clone();
        switch (r.nextInt(6)) {
            case 0 -> {
                for (int k = 1 + r.nextInt(4); k > 0; k--) {
                    int bit = r.nextInt(f.length * 8);
                    f[bit / 8] ^= (byte) (1 << (bit % 8));
                }
            }
            case 1 -> {
                for (int k = 1 + r.nextInt(4); k > 0; k--) {
                    f[r.nextInt(f.length)] = (byte) r.nextInt(256);
                }
            }
            case 2 -> f = Arrays.copyOf(f, r.nextInt(f.length)); // truncated
            case 3 -> { // extended with garbage
                int extra = 1 + r.nextInt(64);
                f = Arrays.copyOf(f, f.length + extra);
                for (int k = original.length; k < f.length; k++) {
                    f[k] = (byte) r.nextInt(256);
                }
            }
            case 4 -> { // a header byte (the first 32)
                f[r.nextInt(Math.min(32, f.length))] = (byte) r.nextInt(256);
            }
            default -> { // a run of bytes deleted
                int at = r.nextInt(f.length);
                int n = Math.min(f.length - at, 1 + r.nextInt(16));
                byte[] g = new byte[f.length - n];
                System.arraycopy(f, 0, g, 0, at);
                System.arraycopy(f, at + n, g, at, f.length - at - n);
                f = g;
            }
        }
        return f;
    }

    /** Exit 0, or exit 2 with exactly one line "error: ..." on stderr. */
    static void assertHandled(CliRun r, String what) {
        assertTrue(r.code() == 0 || r.code() == 2, what + ": " + r);
        if (r.code() == 2) {
            try {
                CliTest.assertUserError(r);
            } catch (AssertionError e) {
                throw new AssertionError(what + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void mutatedIdxFiles() throws IOException {
        Path idx = Files.createDirectories(tmp.resolve("idx"));
        byte[] images = new byte[16 + 12 * 784];
        byte[] header = {0, 0, 8, 3, 0, 0, 0, 12, 0, 0, 0, 28, 0, 0, 0, 28};
        System.arraycopy(header, 0, images, 0, 16);
        Random r = new Random(1);
        for (int i = 16; i < images.length; i++) {
            images[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : 0);
        }
        byte[] labels = {0, 0, 8, 1, 0, 0, 0, 12, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1};
        int ok = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            boolean label = r.nextInt(4) == 0;
            Files.write(idx.resolve("t10k-images-idx3-ubyte"), label ? images : mutate(images, r));
            Files.write(idx.resolve("t10k-labels-idx1-ubyte"), label ? mutate(labels, r) : labels);
            CliRun e = run("eval", "--checkpoint", run.toString(), "--dataset", "idx", "--data-dir", idx.toString());
            assertHandled(e, "IDX mutation " + i);
            ok += e.code() == 0 ? 1 : 0;
        }
        System.out.println("IDX: " + MUTATIONS + " mutations, " + ok + " read as valid data");
    }

    @Test
    void mutatedPngFiles() throws IOException {
        Path png = CliTest.greyPng(tmp.resolve("digit.png"), 28);
        byte[] original = Files.readAllBytes(png);
        Random r = new Random(2);
        Path mutated = tmp.resolve("mutated.png");
        for (int i = 0; i < MUTATIONS; i++) {
            Files.write(mutated, mutate(original, r));
            assertHandled(run("score", "--checkpoint", run.toString(), mutated.toString()), "PNG mutation " + i);
        }
    }

    @Test
    void mutatedCheckpointFiles() throws IOException {
        Path ck = run.resolve("checkpoint");
        List<Path> files;
        try (Stream<Path> s = Files.list(ck)) {
            files = s.sorted().toList();
        }
        Random r = new Random(3);
        Path copy = tmp.resolve("mutated-run");
        for (int i = 0; i < MUTATIONS; i++) {
            Path dir = copy.resolve("checkpoint");
            Files.createDirectories(dir);
            Path victim = files.get(r.nextInt(files.size()));
            for (Path f : files) {
                byte[] b = Files.readAllBytes(f);
                Files.write(dir.resolve(f.getFileName()), f.equals(victim) && b.length > 0 ? mutate(b, r) : b);
            }
            assertHandled(run("eval", "--checkpoint", copy.toString(), "--limit", "8"),
                    "checkpoint mutation " + i + " of " + victim.getFileName());
            assertHandled(run("eval", "--checkpoint", copy.toString(), "--limit", "8", "--raw-weights"),
                    "checkpoint mutation " + i + " of " + victim.getFileName() + ", raw weights");
        }
    }
}
