package io.github.pixelrnn.judge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.data.Mnist;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The judge of conditional samples learns MNIST's digits, and survives a save and a load. */
class SampleJudgeTest {

    @Test
    void learnsDigitsAndKeepsThemAcrossASave(@TempDir Path tmp) {
        ImageSet train = Mnist.load(true, null).slice(0, 4000);
        ImageSet test = Mnist.load(false, null).slice(0, 1000);
        try (SampleJudge judge = SampleJudge.train(train, 10, 2, 1, null)) {
            double accuracy = judge.accuracy(test);
            assertTrue(accuracy > 0.9, "test accuracy after 2 epochs of 4000 digits: " + accuracy);
            Path file = tmp.resolve("mnist.judge");
            judge.save(file);
            try (SampleJudge back = SampleJudge.load(file)) {
                assertArrayEquals(judge.predict(test), back.predict(test));
            }
            ImageSet unlabelled = test.withLabels(null);
            assertThrows(UserError.class, () -> SampleJudge.train(unlabelled, 10, 1, 1, null));
        }
    }

    @Test
    void refusesAJudgeOfAnEarlierVersionClearly(@TempDir Path tmp) throws IOException {
        Path old = tmp.resolve("old.judge");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(old))) {
            out.writeUTF("pixelrnn-judge-1");
            for (int v : new int[] {1, 28, 28, 2, 10}) {
                out.writeInt(v);
            }
        }
        UserError e = assertThrows(UserError.class, () -> SampleJudge.load(old));
        assertTrue(e.getMessage().contains("earlier version"), e.getMessage());
    }
}
