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
        Path user = Path.of("/home/someone");
        assertEquals(user.resolve(".pixelrnn").toAbsolutePath(), Home.home(null, null, user.toString()));
        assertEquals(user.resolve(".pixelrnn").toAbsolutePath(), Home.home(" ", "", user.toString()), "blank is unset");
        assertEquals(Path.of("/env/home"), Home.home(null, "/env/home", user.toString()));
        assertEquals(Path.of("/prop/home"), Home.home("/prop/home", "/env/home", user.toString()), "the property wins");
    }
}
