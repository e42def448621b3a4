package io.github.pixelrnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelrnn.data.Binarization;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.data.Mnist;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The Java API prints nothing unless its caller asks: likelihoods, sampling, completion and
 * compression write neither to standard output nor to standard error; with
 * {@link PixelRnn#showProgress} sampling draws its bar.
 */
class QuietLibraryTest {

    /** What {@code work} wrote to System.out and System.err, together. */
    private static synchronized String printed(Runnable work) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            work.run();
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theApiIsQuietUnlessAskedAndThenShowsProgress() {
        ImageSet test = Binarization.binarize(Mnist.load(false, null).slice(0, 4), Binarization.Mode.THRESHOLD, 0.5, 0);
        try (PixelRnn m = PixelRnn.pretrained("pixelcnn-mnist")) {
            m.logLikelihood(test); // the engine's first use, outside the capture
            String quiet = printed(() -> {
                m.logLikelihood(test);
                m.subPixelLogLikelihood(test);
                m.sample(2, 1);
                m.complete(test, 20, 1);
                ImageSet back = m.decompress(m.compress(test));
                assertArrayEquals(test.pixels(), back.pixels());
            });
            assertEquals("", quiet, "the library printed without being asked");
            String shown = printed(() -> m.showProgress(true).sample(2, 1));
            assertTrue(shown.contains("sample"), "with showProgress(true) sampling draws its bar: '" + shown + "'");
        }
    }
}
