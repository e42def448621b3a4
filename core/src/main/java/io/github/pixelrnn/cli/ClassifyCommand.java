package io.github.pixelrnn.cli;

import io.github.pixelrnn.PixelRnn;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.AtomicFiles;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.eval.EvalData;
import io.github.pixelrnn.eval.GenerativeClassifier;
import io.github.pixelrnn.image.ConfusionMatrix;
import io.github.pixelrnn.image.Png;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.store.Checkpoint;
import io.github.pixelrnn.store.TrainConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pixelrnn classify}: a class-conditional model as a generative classifier, by Bayes' rule
 * on its exact likelihoods, p(y | x) ∝ p(x | y) p(y).
 */
@Command(name = "classify", sortOptions = false,
        description = "classify images with a class-conditional model: p(y | x) from its exact likelihoods p(x | y)",
        customSynopsis = "pixelrnn classify --checkpoint DIR [IMAGE.png ...] [options]",
        footer = {"", "p(y | x) = p(x | y) p(y) / sum_y' p(x | y') p(y'), with the uniform prior p(y) = 1/K.",
            "Given images: one line per image (file, class, its probability, then p(y | x) of every class).",
            "Without images: the test set's accuracy, confusion.png and least-sure.png in --out."})
final class ClassifyCommand implements Callable<Integer> {
    @Mixin
    CheckpointOptions checkpoint = new CheckpointOptions();

    @Mixin
    ImageFiles images = new ImageFiles();

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--limit", paramLabel = "N", description = "only the first N test images")
    Integer limit;

    @Option(names = "--least-sure", paramLabel = "N", description = "images in least-sure.png (default 32)")
    int leastSure = 32;

    @Option(names = "--batch", paramLabel = "N", description = "images per forward pass (default 256)")
    int batch = 256;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "where confusion.png and least-sure.png go "
            + "(default classify)")
    Path out = Path.of("classify");

    @Override
    public Integer call() {
        Check.positive("--batch", batch);
        try (Checkpoint.Loaded ck = checkpoint.load()) {
            ModelConfig c = ck.model().config();
            if (!c.conditional()) {
                throw new UserError("the model is unconditional: classifying needs a model trained with --conditional");
            }
            PixelRnn m = PixelRnn.of(ck.model());
            if (!images.isEmpty()) {
                List<Path> files = images.files();
                GenerativeClassifier.Scores s = m.classify(images.read(c));
                System.out.println("file,class,p_class," + String.join(",", c.classes().stream().map(n -> "p_" + n)
                        .toList()));
                for (int i = 0; i < s.count(); i++) {
                    double[] p = s.posterior(i);
                    StringBuilder line = new StringBuilder(files.get(i).toString()).append(',')
                            .append(c.classes().get(s.predicted(i)))
                            .append(String.format(Locale.ROOT, ",%.4f", p[s.predicted(i)]));
                    for (double v : p) {
                        line.append(String.format(Locale.ROOT, ",%.4f", v));
                    }
                    System.out.println(line);
                }
                return 0;
            }
            TrainConfig t = ck.config().train();
            String dataset = t == null ? "mnist" : t.dataset();
            ImageSet set = data.evaluationSet(dataset, false, c);
            int n = Check.positive("--limit", limit, set.count());
            if (n < set.count()) {
                set = set.slice(0, n);
            }
            int[] labels = EvalData.classes(set, c, "the test set");
            AtomicFiles.ensureWritable(out);
            GenerativeClassifier.Scores s = GenerativeClassifier.score(ck.model(), set, batch, "classify");
            double accuracy = s.accuracy(labels);
            String summary = String.format(Locale.ROOT, "%s test, %d images: %.2f%% accuracy (argmax_y p(x | y))",
                    data.dataset(dataset), set.count(), 100 * accuracy);
            System.out.println(summary);
            Path confusion = out.resolve("confusion.png");
            ConfusionMatrix.write(confusion, s.confusion(labels), c.classes(), summary);
            Path unsure = out.resolve("least-sure.png");
            int[] least = s.leastSure(Check.positive("--least-sure", leastSure));
            writeLeastSure(unsure, set.select(least));
            System.out.println("confusion matrix: " + confusion);
            System.out.println("least sure images (least sure first, row-major): " + unsure);
            for (int i = 0; i < Math.min(least.length, 8); i++) {
                int k = least[i];
                System.out.printf(Locale.ROOT, "  test image %d: label %s, p(%s | x) = %.3f%n", k,
                        c.classes().get(labels[k]), c.classes().get(s.predicted(k)), s.posterior(k)[s.predicted(k)]);
            }
        }
        return 0;
    }

    private static void writeLeastSure(Path file, ImageSet images) {
        Png.writeGrid(file, images.toFloats(0, images.count()), images.count(), images.channels(), images.height(),
                images.width(), images.levels(), (int) Math.ceil(Math.sqrt(images.count())), 3, 1);
    }
}
