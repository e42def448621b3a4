package io.github.pixelrnn.spark;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.eval.Complexity;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link PixelRnnSpark#score} computes: the likelihood under {@code model} always, and
 * optionally the out-of-distribution scores of {@link io.github.pixelrnn.eval.OodScores} (the
 * likelihood ratio against a {@code background} model, the input-complexity scores of
 * {@code complexity} codecs).
 *
 * @param model the model whose likelihood is measured
 * @param background a background model ({@code train --perturb}) for {@code minus_llr_nats}, or null
 * @param complexity codec labels ({@code png}; {@code webp}, {@code jxl} when the executors have
 *     their tools) of the {@code s_LABEL} scores; empty for none
 * @param batch rows scored together (the single-machine {@code eval} uses 256)
 * @param threads libtorch intra-op threads per task, or 0 for {@code spark.task.cpus}
 */
public record ScoreOptions(ModelSource model, ModelSource background, List<String> complexity, int batch,
        int threads) implements Serializable {
    /** Rows scored together by default: {@code eval}'s batch. */
    public static final int DEFAULT_BATCH = 256;

    public ScoreOptions {
        if (model == null) {
            throw new UserError("give a model to score with");
        }
        complexity = List.copyOf(complexity == null ? List.of() : complexity);
        for (String label : complexity) {
            Complexity.Codec.named(label);
        }
        if (batch <= 0) {
            throw new UserError("the batch must be positive, got " + batch);
        }
        if (threads < 0) {
            throw new UserError("threads must be positive (or 0 for spark.task.cpus), got " + threads);
        }
    }

    /** NLL and bits/dim under {@code model}, in batches of 256, on spark.task.cpus threads per task. */
    public static ScoreOptions of(ModelSource model) {
        return new ScoreOptions(model, null, List.of(), DEFAULT_BATCH, 0);
    }

    /** Also the likelihood ratio against {@code bg}: columns {@code background_nll_nats}, {@code minus_llr_nats}. */
    public ScoreOptions withBackground(ModelSource bg) {
        return new ScoreOptions(model, bg, complexity, batch, threads);
    }

    /** Also the complexity-corrected scores of these codecs: columns {@code complexity_bits_L}, {@code s_L}. */
    public ScoreOptions withComplexity(List<String> codecs) {
        List<String> all = new ArrayList<>(complexity);
        all.addAll(codecs);
        return new ScoreOptions(model, background, all, batch, threads);
    }

    /** Rows scored together. */
    public ScoreOptions withBatch(int rows) {
        return new ScoreOptions(model, background, complexity, rows, threads);
    }

    /** Intra-op threads per task (0: spark.task.cpus). */
    public ScoreOptions withThreads(int n) {
        return new ScoreOptions(model, background, complexity, batch, n);
    }
}
