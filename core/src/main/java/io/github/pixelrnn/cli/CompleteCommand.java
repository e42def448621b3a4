package io.github.pixelrnn.cli;

import io.github.pixelrnn.PixelRnn;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.ImageFolderReader;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.eval.EvalData;
import io.github.pixelrnn.image.Grid;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.store.Checkpoint;
import io.github.pixelrnn.store.TrainConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pixelrnn complete}: occlusion completion (hide the bottom, let the model fill it in). */
@Command(name = "complete", sortOptions = false,
        description = "hide rows from --from-row on and fill them in; grid of original | occluded | completions",
        customSynopsis = "pixelrnn complete --checkpoint DIR [IMAGE.png ...] [options]",
        footer = {"", "Known pixels are kept exactly; each row of the grid is original | occluded | K completions."})
final class CompleteCommand implements Callable<Integer> {
    @Mixin
    CheckpointOptions checkpoint = new CheckpointOptions();

    @Mixin
    ImageFiles images = new ImageFiles();

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--from-row", paramLabel = "R", description = "first hidden row (default: half the height)")
    Integer fromRow;

    @Option(names = "--n", paramLabel = "N", description = "test images to complete when no images are given (default 8)")
    int n = 8;

    @Option(names = "--k", paramLabel = "K", description = "completions per image (default 4)")
    int k = 4;

    @Option(names = "--class", paramLabel = "C", description = {
        "class-conditional models: complete every image as class C (its name or index); test images are "
                + "otherwise completed as their own labels"})
    String cls;

    @Mixin
    GridOptions grid = new GridOptions("completions.png");

    @Override
    public Integer call() {
        Path file = grid.file();
        Check.positive("--k", k);
        int scale = grid.scale();
        try (Checkpoint.Loaded ck = checkpoint.load()) {
            PixelRnn m = PixelRnn.of(ck.model()).showProgress(true);
            ModelConfig c = m.config();
            int from = fromRow != null ? fromRow : c.height() / 2;
            if (from < 0 || from >= c.height()) {
                throw new UserError("--from-row must be in 0.." + (c.height() - 1) + ", got " + from);
            }
            ImageSet originals;
            if (images.isEmpty()) {
                TrainConfig t = ck.config().train();
                ImageSet test = data.evaluationSet(t == null ? "mnist" : t.dataset(), false, c);
                originals = test.slice(0, Math.min(test.count(), Check.positive("--n", n)));
            } else {
                originals = m.toModelLevels(images.read(c));
            }
            if (cls != null) {
                int[] classes = new int[originals.count()];
                Arrays.fill(classes, c.classIndex(cls));
                originals = originals.withLabels(classes);
            } else if (c.conditional() && originals.labels() == null) {
                throw new UserError("the model is class-conditional: say which class to complete the images as, "
                        + "--class C (" + String.join(", ", c.classes()) + ")");
            }
            ImageSet completed = m.complete(repeatEach(originals, k), from, grid.seed, grid.strategy());
            writeGrid(file, originals, completed, k, from, scale);
            System.out.println("wrote " + originals.count() + " x " + k + " completions (rows " + from + ".."
                    + (c.height() - 1) + " hidden) to " + file);
        }
        return 0;
    }

    /** Each image repeated {@code k} times in a row: (n·k, C, H, W). */
    static ImageSet repeatEach(ImageSet images, int k) {
        int[] rep = new int[images.count() * k];
        for (int i = 0; i < rep.length; i++) {
            rep[i] = i / k;
        }
        return images.select(rep);
    }

    /** The completion grid: one row per original, original | occluded | k completions. */
    static void writeGrid(Path file, ImageSet originals, ImageSet completed, int k, int fromRow, int scale) {
        int h = originals.height();
        int w = originals.width();
        boolean[] hidden = new boolean[h * w]; // H×W
        for (int i = 0; i < hidden.length; i++) {
            hidden[i] = i / w >= fromRow;
        }
        Grid grid = new Grid(originals.channels(), h, w, originals.levels()).scale(scale).pad(1);
        float[] orig = originals.toFloats(0, originals.count());
        float[] done = completed.toFloats(0, completed.count());
        int dims = originals.imageSize();
        for (int i = 0; i < originals.count(); i++) {
            grid.newRow();
            grid.add(orig, i * dims);
            grid.add(orig, i * dims, hidden);
            for (int j = 0; j < k; j++) {
                grid.add(done, (i * k + j) * dims);
            }
        }
        grid.write(file);
    }
}
