package io.github.pixelrnn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.eval.Complexity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's mistake fails the job with one clear line, not with an executor's stack trace. */
class SparkErrorsTest {
    @TempDir
    Path tmp;

    @Test
    void aMissingCheckpointFailsOnTheDriverAtOnce() {
        Dataset<Row> rows = SparkFixture.pngRows(SparkFixture.evalSet(), 0, 10, 1);
        String missing = tmp.resolve("no-such-model").toString();
        UserError e = assertThrows(UserError.class, () -> PixelRnnSpark.score(rows, "image", missing));
        assertTrue(e.getMessage().contains("no-such-model is not a checkpoint"), e.getMessage());
        UserError onHadoop = assertThrows(UserError.class,
                () -> PixelRnnSpark.score(rows, "image", "pxtest://" + missing));
        assertTrue(onHadoop.getMessage().contains("is not a checkpoint"), onHadoop.getMessage());

        SparkScoreTest.JobRun run = SparkScoreTest.jobOutput("score", "--checkpoint", missing, "--input",
                tmp.toString(), "--output", tmp.resolve("out").toString());
        assertOneLine(run, "error: " + missing + " is not a checkpoint (no config.json in a directory)");
    }

    /** One 32×32 image among 28×28 digits: the job stops with the row, its size and the model's. */
    @Test
    void anImageOfTheWrongSizeFailsTheJobWithOneLine() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("pngs"));
        ImageSet digits = SparkFixture.evalSet();
        for (int i = 0; i < 6; i++) {
            Files.write(folder.resolve("digit-" + i + ".png"), ImageCells.png(digits, i));
        }
        ImageSet big = new ImageSet(new byte[32 * 32], 1, 1, 32, 32, 256, null);
        Files.write(folder.resolve("digit-9-big.png"), Complexity.png(big, 0));

        SparkScoreTest.JobRun run = SparkScoreTest.jobOutput("score", "--checkpoint", SparkFixture.MODEL, "--input",
                folder.toString(), "--output", tmp.resolve("out").toString());
        assertEquals(2, run.code(), run.err());
        assertOneLine(run, null);
        assertTrue(run.err().matches("error: row \\d+ of partition \\d+ is a 1x32x32 image; the model needs 1x28x28 "
                + "\\(channels x height x width\\)\\s*"), run.err());

        // the API: the action throws Spark's exception, Errors.message gives the line
        Dataset<Row> df = JobData.read(SparkFixture.spark(), folder.toString());
        SparkException e = assertThrows(SparkException.class,
                () -> PixelRnnSpark.score(df, "content", SparkFixture.MODEL).collectAsList());
        assertTrue(Errors.message(e).endsWith("is a 1x32x32 image; the model needs 1x28x28 (channels x height x width)"),
                Errors.message(e));
        assertTrue(e.getMessage().contains("\tat "), "Spark's own message holds the stack trace");
    }

    @Test
    void badArgumentsAndColumnsAreOneLineErrors() {
        Dataset<Row> rows = SparkFixture.pngRows(SparkFixture.evalSet(), 0, 10, 1);
        assertEquals("no column 'png'; the columns are key, image",
                assertThrows(UserError.class, () -> PixelRnnSpark.score(rows, "png", SparkFixture.MODEL)).getMessage());
        assertTrue(assertThrows(UserError.class, () -> PixelRnnSpark.score(rows, "key", SparkFixture.MODEL))
                .getMessage().startsWith("column 'key' holds int; images must be binary"));
        assertOneLine(SparkScoreTest.jobOutput("score", "--checkpoint", SparkFixture.MODEL, "--batch", "0"),
                "error: --batch must be a positive whole number, got '0'");
        assertOneLine(SparkScoreTest.jobOutput("shrink"),
                "error: unknown command 'shrink'; known: score, compress, decompress, eval-set");
        assertOneLine(SparkScoreTest.jobOutput("score", "--checkpoint", SparkFixture.MODEL, "--input",
                tmp.resolve("nothing").toString(), "--output", tmp.resolve("o").toString()),
                "error: " + tmp.resolve("nothing") + ": no such file or directory");
    }

    /** Exit code 2 and exactly one line on standard error (equal to {@code line} unless null). */
    private static void assertOneLine(SparkScoreTest.JobRun run, String line) {
        assertEquals(2, run.code(), run.err());
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
        if (line != null) {
            assertEquals(line, lines.get(0));
        }
    }
}
