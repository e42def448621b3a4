package io.github.pixelrnn.cli;

import com.google.gson.GsonBuilder;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.AtomicFiles;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.eval.EvalData;
import io.github.pixelrnn.eval.Evaluator;
import io.github.pixelrnn.store.Checkpoint;
import io.github.pixelrnn.store.Pretrained;
import io.github.pixelrnn.store.Provenance;
import io.github.pixelrnn.store.TrainConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pixelrnn export}: a checkpoint for inference and distribution: the weights inference
 * uses (the moving average when there is one) as its parameters, no optimizer state, its
 * provenance, and a card ({@code pretrained.json}) with its test NLL; the form of the models
 * under {@code models/}.
 */
@Command(name = "export", sortOptions = false,
        description = "write a checkpoint for inference (weights only) with its test NLL, as the pretrained models are",
        customSynopsis = "pixelrnn export --checkpoint DIR --name NAME -o DIR [--description TEXT]",
        footer = {"", "Measures the NLL on the full test set of the data it was trained on (binary models:",
            "the fixed-seed binarization) and on its first 500 images, which a test recomputes."})
final class ExportCommand implements Callable<Integer> {
    @Mixin
    CheckpointOptions checkpoint = new CheckpointOptions();

    @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "the model's name (pretrained:NAME once under models/)")
    String name;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "the exported checkpoint (written atomically; must not exist)")
    Path out;

    @Option(names = "--description", paramLabel = "TEXT",
            description = "one line for pixelrnn models (default: the model's description)")
    String description;

    @Override
    public Integer call() {
        if (!name.matches("[a-z0-9][a-z0-9.-]*")) {
            throw new UserError("--name must be lower-case letters, digits, dots and dashes, got '" + name + "'");
        }
        if (out == null) {
            throw new UserError("give the output directory with -o DIR");
        }
        if (Files.exists(out)) {
            throw new UserError(out + " already exists; choose another -o");
        }
        try (Checkpoint.Loaded ck = checkpoint.load()) {
            TrainConfig t = ck.config().train();
            if (t == null) {
                throw new UserError("the checkpoint has no training settings, so its test set is unknown");
            }
            ImageSet test = EvalData.prepare(Common.load(t.dataset(), t.dataDir() == null ? null : Path.of(t.dataDir()),
                    false, ck.config().model()), ck.config().model(), t.binarization(), t.threshold());
            Evaluator.Result all = Evaluator.evaluate(ck.model(), test, 256, "test NLL");
            Evaluator.Result first = Evaluator.evaluate(ck.model(), test.slice(0, Math.min(500, test.count())), 256,
                    null);
            Provenance p = ck.provenance();
            Checkpoint.save(out, ck.model(), t, null, ck.state(), p);
            String weights = ck.averaged() ? "averaged (--ema " + t.ema() + ")" : "raw";
            String evaluation = ck.config().model().levels() == 2
                    ? "binarized " + t.binarization() + " with the fixed seed " + EvalData.BINARIZATION_SEED
                    : "8-bit";
            Pretrained.Card card = new Pretrained.Card(name, description != null ? description : ck.config().model().describe(),
                    p == null ? "unknown" : p.invocations().get(0).commandLine(), p == null ? "unknown" : p.commit(),
                    ck.state().step(), p == null ? ck.state().step() * t.batchSize() : p.imagesSeen(),
                    p == null ? Double.NaN : p.trainingSeconds() / 60, weights, all.natsPerImage(), all.bitsPerDim(),
                    test.count(), first.natsPerImage(), evaluation + " " + t.dataset() + " test set"
                            + (ck.model().conditional() ? ", " + Evaluator.GIVEN_TRUE_LABEL : ""));
            AtomicFiles.write(out.resolve("pretrained.json"), new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
                    .serializeSpecialFloatingPointValues().create().toJson(card).getBytes(StandardCharsets.UTF_8));
            System.out.printf(Locale.ROOT, "exported %s to %s: test NLL %s (first 500: %.4f nats/image)%n", name,
                    out, all.describe(), first.natsPerImage());
        }
        return 0;
    }
}
