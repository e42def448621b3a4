package io.github.pixelrnn.sample;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.model.Decoder;
import io.github.pixelrnn.model.PixelModel;
import java.util.Locale;

/** How the sampling loop computes each sub-pixel's distribution: the same loop for both. */
public enum Strategy {
    /** Every layer keeps what it needs of the past ({@link PixelModel#decoder}); the default. */
    CACHED,
    /** The whole network again for every sub-pixel ({@link Recompute}); the reference. */
    NAIVE;

    /** A decoder of this strategy for {@code n} images. */
    public Decoder open(PixelModel model, int n) {
        return open(model, n, null);
    }

    /** A decoder of this strategy for {@code n} images of {@code classes} (null: an unconditional model). */
    public Decoder open(PixelModel model, int n, int[] classes) {
        return this == CACHED ? model.decoder(n, classes) : new Recompute(model, n, classes);
    }

    /** The strategy of a command-line name, {@code cached} or {@code naive}. */
    public static Strategy named(String name) {
        for (Strategy s : values()) {
            if (s.name().toLowerCase(Locale.ROOT).equals(name)) {
                return s;
            }
        }
        throw new UserError("unknown sampling strategy '" + name + "'; known: cached, naive");
    }
}
