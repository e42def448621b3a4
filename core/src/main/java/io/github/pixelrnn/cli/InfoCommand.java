package io.github.pixelrnn.cli;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.codec.ModelIdentity;
import io.github.pixelrnn.eval.Nll;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.store.Checkpoint;
import io.github.pixelrnn.store.Provenance;
import io.github.pixelrnn.store.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pixelrnn info}: what a checkpoint holds and what made it. */
@Command(name = "info", sortOptions = false,
        description = "describe a checkpoint: model, training settings, progress, files and provenance",
        customSynopsis = "pixelrnn info CHECKPOINT",
        footer = {"", "Prints the model, its parameter count and identity (the hash compressed files name),",
            "the training settings, the step and last NLLs, the files, and the provenance: code",
            "version and commit, DJL and libtorch versions, the data and its fingerprint, and",
            "every command line that trained it."})
final class InfoCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CHECKPOINT", arity = "0..*",
            description = "a checkpoint or run directory, or pretrained:NAME")
    List<String> checkpoints = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        if (checkpoints.size() != 1) {
            throw new UserError("give one checkpoint, e.g. pixelrnn info runs/mnist");
        }
        Path dir = Checkpoint.resolve(checkpoints.get(0));
        try (Checkpoint.Loaded ck = Checkpoint.load(dir, Checkpoint.Weights.AVERAGED)) {
            ModelConfig m = ck.config().model();
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "checkpoint  %s (format %d, written by pixelrnn %s)%n", ck.dir(),
                    ck.config().format(), ck.config().version()));
            sb.append(String.format(Locale.ROOT, "model       %s%n", m.describe()));
            sb.append(String.format(Locale.ROOT, "parameters  %,d; identity %s (%s weights)%n",
                    ck.model().parameterCount(), ModelIdentity.hex(ModelIdentity.of(ck.model())),
                    ck.averaged() ? "averaged" : "raw"));
            TrainConfig t = ck.config().train();
            if (t != null) {
                sb.append(String.format(Locale.ROOT, "training    %s, batch %d, %s lr %.4g (%s), clip %.4g, seed %d%s%s%n",
                        t.dataset(), t.batchSize(), t.optimizer(), t.learningRate(), t.schedule(), t.clipNorm(),
                        t.seed(), t.ema() > 0 ? ", ema " + t.ema() : "", t.perturb() > 0 ? ", perturb " + t.perturb()
                                : "") + (t.weightDecay() > 0 ? ", weight decay " + t.weightDecay() : ""));
            }
            Checkpoint.State s = ck.state();
            sb.append(String.format(Locale.ROOT, "state       step %,d; last training loss %s; last validation NLL %s%n",
                    s.step(), nats(s.trainNats(), m), nats(s.validationNats(), m)));
            try (Stream<Path> files = Files.list(ck.dir())) {
                sb.append("files       ");
                files.sorted().forEach(f -> {
                    try {
                        sb.append(String.format(Locale.ROOT, "%s (%,d B)  ", f.getFileName(), Files.size(f)));
                    } catch (IOException e) {
                        sb.append(f.getFileName()).append("  ");
                    }
                });
                sb.append('\n');
            }
            Provenance p = ck.provenance();
            sb.append(p == null ? "provenance  none (written before pixelrnn recorded it)\n" : p.describe());
            System.out.print(sb);
        }
        return 0;
    }

    private static String nats(double v, ModelConfig m) {
        return Double.isFinite(v) ? Nll.format(v, m.dims()) : "-";
    }
}
