package io.github.pixelrnn.cli;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.eval.Evaluator;
import io.github.pixelrnn.eval.GenerativeClassifier;
import io.github.pixelrnn.eval.Nll;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.store.Checkpoint;
import io.github.pixelrnn.store.TrainConfig;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pixelrnn eval}: exact test NLL of a checkpoint. */
@Command(name = "eval", sortOptions = false,
        description = "exact NLL (nats/image, bits/dim) of a checkpoint on the full test set",
        customSynopsis = "pixelrnn eval --checkpoint DIR [options]",
        footer = {"", "Binary models are evaluated on the set binarized once with a fixed seed, so the figure is",
            "comparable across runs."})
final class EvalCommand implements Callable<Integer> {
    @Mixin
    CheckpointOptions checkpoint = new CheckpointOptions();

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--split", paramLabel = "NAME", description = "test (default) | train")
    String split = "test";

    @Option(names = "--limit", paramLabel = "N", description = "only the first N images (the figure is then not a test NLL)")
    Integer limit;

    @Option(names = "--batch", paramLabel = "N", description = "images per forward pass (default 256)")
    int batch = 256;

    @Override
    public Integer call() {
        if (!split.equals("test") && !split.equals("train")) {
            throw new UserError("--split must be test or train, got '" + split + "'");
        }
        try (Checkpoint.Loaded ck = checkpoint.load()) {
            ModelConfig model = ck.model().config();
            TrainConfig train = ck.config().train();
            String dataset = train == null ? "mnist" : train.dataset();
            ImageSet set = data.evaluationSet(dataset, split.equals("train"), model);
            int n = Check.positive("--limit", limit, set.count());
            if (n < set.count()) {
                set = set.slice(0, n);
            }
            int batchSize = Check.positive("--batch", batch);
            // A conditional model scores every class (K passes); the true label's NLL is one of them,
            // unless the likelihood has parts (multi-scale), which need a pass of their own.
            GenerativeClassifier.Scores scores = model.conditional()
                    ? GenerativeClassifier.score(ck.model(), set, batchSize, "eval") : null;
            Evaluator.Result r = scores != null && ck.model().ordering().phases() == 1
                    ? Evaluator.ofTrueLabels(ck.model(), scores, set.labels())
                    : Evaluator.evaluate(ck.model(), set, batchSize, "eval");
            System.out.printf(Locale.ROOT, "%s %s NLL%s: %.3f nats/image, %.4f bits/dim (%d images%s)%n",
                    data.dataset(dataset), split, model.conditional() ? " " + Evaluator.GIVEN_TRUE_LABEL : "",
                    r.natsPerImage(), r.bitsPerDim(), set.count(),
                    model.levels() == 2 ? ", " + data.binarization() + " binarization" : "");
            if (r.describeParts() != null) {
                System.out.println("  parts: " + r.describeParts());
            }
            if (scores != null) {
                double marginal = scores.marginalNatsPerImage();
                System.out.printf(Locale.ROOT, "%s %s NLL -log sum_y p(x | y) p(y), uniform p(y) over %d classes: "
                        + "%.3f nats/image, %.4f bits/dim%n", data.dataset(dataset), split, model.classCount(), marginal,
                        Nll.bitsPerDim(marginal, model.dims()));
                System.out.printf(Locale.ROOT, "  as a classifier, argmax_y p(x | y): %.2f%% accuracy%n",
                        100 * scores.accuracy(set.labels()));
            }
        }
        return 0;
    }
}
