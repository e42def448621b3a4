package io.github.pixelrnn.cli;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.model.Architecture;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.model.MultiScale;
import io.github.pixelrnn.model.Preset;
import io.github.pixelrnn.model.Presets;
import io.github.pixelrnn.model.RnnCell;
import io.github.pixelrnn.model.RnnMode;
import picocli.CommandLine.Option;

/**
 * The model options of {@code train} and {@code bench}: a preset and the overrides of its
 * architecture. An override that the preset's architecture does not use is a one-line error.
 */
final class ModelOptions {
    @Option(names = "--preset", paramLabel = "NAME",
            description = "model preset (see: pixelrnn presets); --model NAME is the same")
    String preset;

    /** {@code --model NAME}: another name of {@code --preset}, kept out of the help's option list. */
    @Option(names = "--model", hidden = true, paramLabel = "NAME")
    void model(String name) {
        preset = name;
    }

    @Option(names = "--hidden", paramLabel = "N", description = "override h (layers carry 2h feature maps)")
    Integer hidden;

    @Option(names = "--layers", paramLabel = "N", description = "override the number of layers")
    Integer layers;

    @Option(names = "--out-maps", paramLabel = "N", description = "override the width of the output layers")
    Integer outMaps;

    @Option(names = "--no-residual", description = "switch off residual connections")
    boolean noResidual;

    @Option(names = "--no-skip", description = "switch off skip connections")
    boolean noSkip;

    @Option(names = "--cell", paramLabel = "C", description = "rowrnn only: lstm | gru (default: the preset's)")
    String cell;

    @Option(names = "--mode", paramLabel = "M", description = {
        "rowrnn only: many-to-many (one run, every output predicts the next row) | many-to-one "
                + "(one run per row, O(H^2))"})
    String mode;

    @Option(names = "--bidirectional", description = "rowrnn only: read the known rows both ways (many-to-one only)")
    boolean bidirectional;

    @Option(names = "--batch-norm", description = "rowrnn only: batch normalisation after every recurrent layer")
    boolean batchNorm;

    @Option(names = "--factor", paramLabel = "F",
            description = "multiscale only: subsampling factor of the small image (default 2)")
    Integer factor;

    @Option(names = "--small", paramLabel = "ARCH",
            description = "multiscale only: network of the small image (pixelcnn | rowlstm | diagbilstm)")
    String small;

    @Option(names = "--large", paramLabel = "ARCH",
            description = "multiscale only: conditional network of the full image (same choices)")
    String large;

    @Option(names = "--condition-maps", paramLabel = "C",
            description = "multiscale only: maps of the upsampled small image")
    Integer conditionMaps;

    /** Whether a preset was named. */
    boolean hasPreset() {
        return preset != null;
    }

    /** The preset named by {@code --preset}, or {@code fallback}; a one-line error when neither is given. */
    Preset preset(String fallback) {
        String name = preset != null ? preset : fallback;
        if (name == null) {
            throw new UserError("--preset is required (see: pixelrnn presets)");
        }
        return Presets.get(name);
    }

    /** The preset's model with the command-line overrides applied. */
    ModelConfig config(Preset p) {
        ModelConfig m = p.model();
        Architecture architecture = m.architecture();
        ModelConfig.Builder b = m.toBuilder()
                .hidden(Check.positive("--hidden", hidden, m.hidden()))
                .layers(Check.positive("--layers", layers, m.layers()));
        if (architecture == Architecture.ROW_RNN) {
            only("pixelcnn, rowlstm, diagbilstm and multiscale", architecture, new Given("--out-maps", outMaps != null),
                    new Given("--no-residual", noResidual), new Given("--no-skip", noSkip));
            RnnCell presetCell = m.cell() == null ? RnnCell.LSTM : m.cell();
            RnnMode presetMode = m.mode() == null ? RnnMode.MANY_TO_MANY : m.mode();
            b.recurrence(cell != null ? RnnCell.named(cell) : presetCell, mode != null ? RnnMode.named(mode) : presetMode)
                    .bidirectional(m.bidirectional() || bidirectional)
                    .batchNorm(m.batchNorm() || batchNorm);
        } else {
            only("rowrnn", architecture, new Given("--cell", cell != null), new Given("--mode", mode != null),
                    new Given("--bidirectional", bidirectional), new Given("--batch-norm", batchNorm));
            b.outMaps(Check.positive("--out-maps", outMaps, m.outMaps()))
                    .connections(m.residual() && !noResidual, m.skip() && !noSkip);
        }
        if (architecture == Architecture.MULTISCALE) {
            MultiScale scales = m.multiScale();
            b.scales(new MultiScale(Check.positive("--factor", factor, scales.factor()),
                    Check.positive("--condition-maps", conditionMaps, scales.conditionMaps()),
                    small != null ? Architecture.named(small) : scales.small(),
                    large != null ? Architecture.named(large) : scales.large()));
        } else {
            only("multiscale", architecture, new Given("--factor", factor != null), new Given("--small", small != null),
                    new Given("--large", large != null), new Given("--condition-maps", conditionMaps != null));
        }
        return b.build();
    }

    /** Whether {@code option} was given on the command line. */
    private record Given(String option, boolean given) {
    }

    /** Fails on the first of {@code options} that was given: it applies only to {@code kind} presets. */
    private static void only(String kind, Architecture architecture, Given... options) {
        for (Given o : options) {
            if (o.given()) {
                throw new UserError(o.option() + " applies only to " + kind + " presets, not to " + architecture);
            }
        }
    }
}
