package io.github.pixelrnn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HomeTest {
    @Test
    void systemPropertyWinsOverEnvironmentAndDefault() {
        String old = System.getProperty(Home.PROPERTY);
        try {
            System.setProperty(Home.PROPERTY, "/tmp/pixelrnn-home-test");
            assertEquals(Path.of("/tmp/pixelrnn-home-test"), Home.home());
            assertEquals(Path.of("/tmp/pixelrnn-home-test/datasets/mnist"), Home.datasetDir("mnist"));
            System.setProperty(Home.PROPERTY, " ");
            assertTrue(Home.home().isAbsolute());
        } finally {
            if (old == null) {
                System.clearProperty(Home.PROPERTY);
            } else {
                System.setProperty(Home.PROPERTY, old);
            }
        }
    }

    @Test
    void defaultIsDotPixelrnnInTheUserHome() {
        if (System.getProperty(Home.PROPERTY) == null && System.getenv(Home.ENV) == null) {
            assertEquals(Path.of(System.getProperty("user.home"), ".pixelrnn"), Home.home());
        }
    }
}
