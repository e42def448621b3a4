package io.github.pixelrnn.data;

import java.nio.file.Path;

/**
 * Where PixelRNN keeps its per-user files (the dataset cache).
 *
 * <p>The first of these that is set and not blank wins: the system property
 * {@code pixelrnn.home}, the environment variable {@code PIXELRNN_HOME}, then
 * {@code ~/.pixelrnn}.
 */
public final class Home {
    /** The system property checked first. */
    public static final String PROPERTY = "pixelrnn.home";
    /** The environment variable checked second. */
    public static final String ENV = "PIXELRNN_HOME";

    private Home() {
    }

    /** The PixelRNN home directory (not created). */
    public static Path home() {
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop.trim()).toAbsolutePath();
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env.trim()).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".pixelrnn").toAbsolutePath();
    }

    /** The cache directory of one dataset, {@code home()/datasets/NAME} (not created). */
    public static Path datasetDir(String name) {
        return home().resolve("datasets").resolve(name);
    }
}
