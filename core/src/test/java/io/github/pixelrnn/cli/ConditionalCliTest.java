package io.github.pixelrnn.cli;

import static io.github.pixelrnn.cli.CliTest.assertUserError;
import static io.github.pixelrnn.cli.CliTest.concat;
import static io.github.pixelrnn.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelrnn.PixelRnn;
import io.github.pixelrnn.cli.CliTest.CliRun;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.eval.Evaluator;
import io.github.pixelrnn.eval.GenerativeClassifier;
import io.github.pixelrnn.image.Png;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-conditional commands end to end: {@code train --conditional} on MNIST's labels, then
 * {@code sample --class}, the per-class grid, {@code complete --class}, {@code eval}'s two NLLs,
 * {@code classify} and {@code score}; and the one-line refusals around them.
 */
class ConditionalCliTest {
    @TempDir
    static Path tmp;

    /** A tiny class-conditional PixelCNN, 3 steps on MNIST, with a sample grid at its checkpoint. */
    static Path run;

    @BeforeAll
    static void trainOnce() {
        run = tmp.resolve("conditional");
        String[] tiny = CliTest.TINY.clone();
        tiny[java.util.Arrays.asList(tiny).indexOf("--samples") + 1] = "12";
        CliRun r = run(concat(concat(new String[] {"train"}, tiny), new String[] {"--out", run.toString(),
            "--conditional"}));
        assertEquals(0, r.code(), r.toString());
    }

    @Test
    void checkpointSampleGridHasOneColumnPerClass() throws Exception {
        java.awt.image.BufferedImage grid = javax.imageio.ImageIO.read(run.resolve("samples-step3.png").toFile());
        Path reference = tmp.resolve("ten-columns.png");
        Png.writeGrid(reference, new float[12 * 28 * 28], 12, 1, 28, 28, 2, 10, 2, 1);
        java.awt.image.BufferedImage tenColumns = javax.imageio.ImageIO.read(reference.toFile());
        assertEquals(tenColumns.getWidth(), grid.getWidth(), "12 samples in rows of 10, one column per class");
        assertEquals(tenColumns.getHeight(), grid.getHeight());
    }

    @Test
    void checkpointKeepsTheClassNames() {
        try (PixelRnn m = PixelRnn.load(run)) {
            assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), m.classes());
        }
        CliRun info = run("info", run.toString());
        assertEquals(0, info.code(), info.toString());
        assertTrue(info.out().contains("conditional on 10 classes"), info.toString());
    }

    @Test
    void samplesOfOneClassAndOneRowPerClass() throws Exception {
        Path one = tmp.resolve("sevens.png");
        CliRun r = run("sample", "--checkpoint", run.toString(), "--class", "7", "--n", "4", "-o", one.toString(),
                "--scale", "1");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("4 samples of class 7"), r.toString());
        Path grid = tmp.resolve("classes.png");
        r = run("sample", "--checkpoint", run.toString(), "--n", "2", "-o", grid.toString(), "--scale", "1");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("one row per class"), r.toString());
        // 10 rows of 2 images of 28 pixels, 1 pixel of padding around each
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(grid.toFile());
        assertEquals(10 * 29 + 1, img.getHeight(), "one row per class");
        assertEquals(2 * 29 + 1, img.getWidth());
    }

    @Test
    void refusalsAreOneLine() {
        assertUserError(run("sample", "--checkpoint", run.toString(), "--class", "seven", "-o",
                tmp.resolve("x.png").toString()), "no class 'seven'", "0, 1, 2");
        assertUserError(run("sample", "--checkpoint", run.toString(), "--class", "10", "-o", tmp.resolve("x.png").toString()), "no class '10'");
        assertUserError(run("train", "--resume", "--out", run.toString(), "--conditional"), "--conditional");
    }

    @Test
    void unconditionalModelsTakeNoClass() {
        Path plain = tmp.resolve("plain");
        CliRun t = CliTest.train("--out", plain.toString());
        assertEquals(0, t.code(), t.toString());
        assertUserError(run("sample", "--checkpoint", plain.toString(), "--class", "3", "-o",
                tmp.resolve("y.png").toString()), "unconditional");
        assertUserError(run("classify", "--checkpoint", plain.toString(), "--limit", "4"), "unconditional");
    }

    @Test
    void completeAsAGivenClassOrTheTestLabels() throws Exception {
        CliRun r = run("complete", "--checkpoint", run.toString(), "--class", "3", "--n", "2", "--k", "1", "-o",
                tmp.resolve("c3.png").toString());
        assertEquals(0, r.code(), r.toString());
        r = run("complete", "--checkpoint", run.toString(), "--n", "2", "--k", "1", "-o",
                tmp.resolve("own.png").toString());
        assertEquals(0, r.code(), r.toString());
        Path png = writeDigit();
        assertUserError(run("complete", "--checkpoint", run.toString(), png.toString(), "-o",
                tmp.resolve("z.png").toString()), "--class");
    }

    @Test
    void evalReportsTheConditionalAndTheMarginalNll() {
        CliRun r = run("eval", "--checkpoint", run.toString(), "--limit", "16");
        assertEquals(0, r.code(), r.toString());
        double given = nats(r.out(), "-log p(x | y)");
        double marginal = nats(r.out(), "-log sum_y p(x | y) p(y)");
        // p(x) = Σ_y p(x | y) / K ≥ p(x | y_true) / K, so −log p(x) ≤ −log p(x | y_true) + log K
        assertTrue(marginal <= given + Math.log(10) + 1e-3, r.toString());
        assertTrue(r.out().contains("accuracy"), r.toString());
    }

    @Test
    void classifyWritesTheConfusionMatrixAndTheLeastSureImages() throws Exception {
        Path out = tmp.resolve("classify");
        CliRun r = run("classify", "--checkpoint", run.toString(), "--limit", "20", "--least-sure", "4", "-o",
                out.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("20 images") && r.out().contains("% accuracy"), r.toString());
        assertTrue(Files.size(out.resolve("confusion.png")) > 0);
        assertTrue(Files.size(out.resolve("least-sure.png")) > 0);
        Path png = writeDigit();
        r = run("classify", "--checkpoint", run.toString(), png.toString());
        assertEquals(0, r.code(), r.toString());
        String[] line = r.out().lines().toList().get(1).split(",");
        assertEquals(13, line.length, r.toString()); // file, class, p_class, 10 posteriors
        double sum = 0;
        for (int i = 3; i < line.length; i++) {
            sum += Double.parseDouble(line[i]);
        }
        assertEquals(1.0, sum, 2e-3, "the posterior sums to one");
        r = run("score", "--checkpoint", run.toString(), png.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("file,nll_nats,bits_per_dim,class,p_class"), r.toString());
        r = run("score", "--checkpoint", run.toString(), png.toString(), "--class", "4");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("file,nll_nats,bits_per_dim\n"), r.toString());
    }

    /** {@code eval} reads the true label's NLL from the K class passes; it equals a pass of its own. */
    @Test
    void trueLabelNllFromTheClassScoresEqualsItsOwnPass() {
        ImageSet test = io.github.pixelrnn.data.Binarization.binarize(
                io.github.pixelrnn.data.Mnist.load(false, null).slice(0, 12),
                io.github.pixelrnn.data.Binarization.Mode.STOCHASTIC, 0.5, 1);
        try (PixelRnn m = PixelRnn.load(run)) {
            Evaluator.Result own = Evaluator.evaluate(m.model(), test, 5, null);
            Evaluator.Result read = Evaluator.ofTrueLabels(m.model(),
                    GenerativeClassifier.score(m.model(), test, 5, null), test.labels());
            assertArrayEquals(own.perImage(), read.perImage(), 1e-3);
            assertEquals(own.natsPerImage(), read.natsPerImage(), 1e-4);
            assertEquals(own.bitsPerDim(), read.bitsPerDim(), 1e-7);
        }
    }

    @Test
    void judgeSaysWhichSamplesShowTheClassAskedFor() {
        Path file = tmp.resolve("mnist-2.judge");
        ImageSet train = io.github.pixelrnn.data.Binarization.binarize(
                io.github.pixelrnn.data.Mnist.load(true, null).slice(0, 1000),
                io.github.pixelrnn.data.Binarization.Mode.STOCHASTIC, 0.5, 1);
        try (io.github.pixelrnn.judge.SampleJudge judge = io.github.pixelrnn.judge.SampleJudge.train(train, 10, 1, 1,
                null)) {
            judge.save(file);
        }
        CliRun r = run("judge", "--checkpoint", run.toString(), "--per-class", "2", "--judge", file.toString(), "-o",
                tmp.resolve("judged.png").toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("of 20 class-conditional samples judged the class asked for"), r.toString());
        assertTrue(r.out().contains("accuracy on the mnist test set"), r.toString());
    }

    /** One MNIST test digit as a PNG. */
    private static Path writeDigit() throws Exception {
        Path png = tmp.resolve("digit.png");
        if (!Files.exists(png)) {
            ImageSet test = io.github.pixelrnn.data.Mnist.load(false, null).slice(0, 1);
            Png.writeGrid(png, test.toFloats(0, 1), 1, 1, 28, 28, 256, 1, 1, 0);
        }
        return png;
    }

    /** The nats/image figure on the line of {@code out} that holds {@code marker}. */
    private static double nats(String out, String marker) {
        for (String line : out.lines().toList()) {
            if (line.contains(marker)) {
                String after = line.substring(line.indexOf(marker) + marker.length());
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]+\\.[0-9]+) nats/image")
                        .matcher(after);
                if (m.find()) {
                    return Double.parseDouble(m.group(1));
                }
            }
        }
        throw new AssertionError("no '" + marker + "' line in:\n" + out);
    }
}
