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
        return home(System.getProperty(PROPERTY), System.getenv(ENV), System.getProperty("user.home"));
    }

    /** The home directory the property, the environment variable and the user's home give (each may be null). */
    static Path home(String property, String environment, String userHome) {
        if (property != null && !property.isBlank()) {
            return Path.of(property.trim()).toAbsolutePath();
        }
        if (environment != null && !environment.isBlank()) {
            return Path.of(environment.trim()).toAbsolutePath();
        }
        return Path.of(userHome, ".pixelrnn").toAbsolutePath();
    }

    /** The cache directory of one dataset, {@code home()/datasets/NAME} (not created). */
    public static Path datasetDir(String name) {
        return home().resolve("datasets").resolve(name);
    }
}
