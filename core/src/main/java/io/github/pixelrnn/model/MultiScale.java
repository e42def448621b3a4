package io.github.pixelrnn.model;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.util.Names;
import java.util.List;

/**
 * The two scales of a Multi-scale PixelRNN (paper, Section 3.6): an unconditional
 * network for the s×s image taken by strided subsampling of the n×n image (s = n / factor),
 * and a conditional network for the n×n image. Both use the enclosing {@link MultiScaleConfig}'s
 * sizes (hidden, layers, output maps, kernels, connections).
 *
 * @param factor subsampling factor: the small image is x[:, :, ::factor, ::factor]
 * @param conditionMaps c, the maps of the upsampled small image that bias every layer
 * @param small architecture of the unconditional s×s network
 * @param large architecture of the conditional n×n network
 */
public record MultiScale(int factor, int conditionMaps, Architecture small, Architecture large) {
    /** Architectures that can serve as either scale (they accept a conditioning map). */
    public static final List<Architecture> SCALES = Architecture.scales();

    void validate(ModelConfig c) {
        if (factor < 2) {
            throw new UserError("the subsampling factor must be at least 2, got " + factor);
        }
        if (conditionMaps <= 0) {
            throw new UserError("condition maps must be positive, got " + conditionMaps);
        }
        for (Architecture a : new Architecture[] {small, large}) {
            if (a == null || !a.isScale()) {
                throw new UserError("unknown scale architecture '" + a + "'; a multiscale model uses "
                        + Names.list(SCALES.toArray()));
            }
        }
        if (c.height() % factor != 0 || c.width() % factor != 0) {
            throw new UserError("image size " + c.height() + "x" + c.width()
                    + " is not divisible by the subsampling factor " + factor);
        }
    }

    public MultiScale withFactor(int f) {
        return new MultiScale(f, conditionMaps, small, large);
    }

    String describe() {
        return "factor=" + factor + " small=" + small + " large=" + large + " conditionMaps=" + conditionMaps;
    }
}
