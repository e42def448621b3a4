package io.github.pixelrnn.train;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.store.TrainConfig;

/**
 * Learning rate as a function of the step: an optional linear warm-up, then constant, cosine
 * decay to zero at the last step, or exponential decay by {@code gamma} every 1000 steps.
 *
 * @param kind constant, cosine or exp
 * @param base peak learning rate
 * @param warmupSteps steps of linear warm-up from 0 (0 for none)
 * @param gamma decay factor per 1000 steps for {@code exp}
 */
public record LearningRateSchedule(TrainConfig.ScheduleKind kind, double base, long warmupSteps, double gamma) {

    public LearningRateSchedule {
        if (kind == null) {
            throw new UserError("no lr schedule given; known: constant, cosine, exp");
        }
        if (!(base > 0) || Double.isInfinite(base)) {
            throw new UserError("learning rate must be positive, got " + base);
        }
        if (warmupSteps < 0) {
            throw new UserError("warm-up steps must be >= 0, got " + warmupSteps);
        }
    }

    /** The schedule a run's settings describe (the decay factor of {@code exp}: 0.5 per 1000 steps). */
    public static LearningRateSchedule of(TrainConfig train) {
        return new LearningRateSchedule(train.schedule(), train.learningRate(), train.warmupSteps(), 0.5);
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
            case COSINE -> base * 0.5 * (1 + Math.cos(Math.PI * Math.min(1.0, Math.max(0.0, progress))));
            case EXP -> base * Math.pow(gamma, (step - warmupSteps) / 1000.0);
            case CONSTANT -> base;
        };
    }
}
