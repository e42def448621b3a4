package io.github.pixelrnn.train;

import io.github.pixelrnn.UserError;
import java.util.Locale;

/**
 * Learning rate as a function of the step: an optional linear warm-up, then constant, cosine
 * decay to zero at the last step, or exponential decay by {@code gamma} every 1000 steps.
 *
 * @param kind {@code constant}, {@code cosine} or {@code exp}
 * @param base peak learning rate
 * @param warmupSteps steps of linear warm-up from 0 (0 for none)
 * @param gamma decay factor per 1000 steps for {@code exp}
 */
public record LearningRateSchedule(String kind, double base, long warmupSteps, double gamma) {

    public LearningRateSchedule {
        kind = kind.toLowerCase(Locale.ROOT);
        if (!kind.equals("constant") && !kind.equals("cosine") && !kind.equals("exp")) {
            throw new UserError("unknown lr schedule '" + kind + "'; known: constant, cosine, exp");
        }
        if (!(base > 0) || Double.isInfinite(base)) {
            throw new UserError("learning rate must be positive, got " + base);
        }
        if (warmupSteps < 0) {
            throw new UserError("warm-up steps must be >= 0, got " + warmupSteps);
        }
    }

    /**
     * The learning rate at {@code step} (0-based) when {@code progress} (0..1) of the run is
     * done; progress is steps done / total steps, or time spent / time budget for timed runs.
     */
    public double at(long step, double progress) {
        if (warmupSteps > 0 && step < warmupSteps) {
            return base * (step + 1) / warmupSteps;
        }
        return switch (kind) {
            case "cosine" -> base * 0.5 * (1 + Math.cos(Math.PI * Math.min(1.0, Math.max(0.0, progress))));
            case "exp" -> base * Math.pow(gamma, (step - warmupSteps) / 1000.0);
            default -> base;
        };
    }
}
