package io.github.pixelrnn.cli;

import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.eval.Evaluator;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.train.Checkpoint;
import io.github.pixelrnn.train.TrainConfig;
import java.util.Locale;
import java.util.Set;

/** {@code pixelrnn eval}: exact test NLL of a checkpoint. */
final class EvalCommand implements Command {

    @Override
    public String name() {
        return "eval";
    }

    @Override
    public String summary() {
        return "exact NLL (nats/image, bits/dim) of a checkpoint on the full test set";
    }

    @Override
    public String usage() {
        return "usage: pixelrnn eval --checkpoint DIR [options]\n" + Common.DATA_USAGE + """
                  --split NAME         test (default) | train
                  --limit N            only the first N images (the figure is then not a test NLL)
                  --batch N            images per forward pass (default 256)
                Binary models are evaluated on the set binarized once with a fixed seed, so the
                figure is comparable across runs.
                """ + Common.RAW_WEIGHTS_USAGE;
    }

    @Override
    public Set<String> valueFlags() {
        return Common.union(Common.DATA_FLAGS, Set.of("checkpoint", "split", "limit", "batch"));
    }

    @Override
    public Set<String> switches() {
        return Set.of(Common.RAW_WEIGHTS);
    }

    @Override
    public int run(Args a) {
        String split = a.get("split", "test");
        if (!split.equals("test") && !split.equals("train")) {
            throw new io.github.pixelrnn.UserError("--split must be test or train, got '" + split + "'");
        }
        try (Checkpoint.Loaded ck = Common.load(a)) {
            ModelConfig model = ck.model().config();
            TrainConfig train = ck.config().train();
            String dataset = train == null ? "mnist" : train.dataset();
            ImageSet set = Common.evaluationSet(a, dataset, split.equals("train"), model);
            int limit = a.positive("limit", set.count());
            if (limit < set.count()) {
                set = set.slice(0, limit);
            }
            Evaluator.Result r = Evaluator.evaluate(ck.model(), set, a.positive("batch", 256), "eval");
            System.out.printf(Locale.ROOT, "%s %s NLL: %.3f nats/image, %.4f bits/dim (%d images%s)%n",
                    a.get("dataset", dataset), split, r.natsPerImage(), r.bitsPerDim(), set.count(),
                    model.levels() == 2 ? ", " + Common.binarization(a).toString().toLowerCase(Locale.ROOT)
                            + " binarization" : "");
            if (r.describeParts() != null) {
                System.out.println("  parts: " + r.describeParts());
            }
        }
        return 0;
    }
}
