package io.github.pixelrnn.cli;

import io.github.pixelrnn.PixelRnn;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.image.Png;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pixelrnn sample}: new images as a PNG grid. */
@Command(name = "sample", sortOptions = false, description = "generate N images as a PNG grid",
        customSynopsis = "pixelrnn sample --checkpoint DIR [options]")
final class SampleCommand implements Callable<Integer> {
    @Mixin
    CheckpointOptions checkpoint = new CheckpointOptions();

    @Option(names = "--n", paramLabel = "N", description = {
        "number of images (default 16); with a class-conditional model and no --class, images per class (default 8)"})
    Integer n;

    @Option(names = "--class", paramLabel = "C", description = {
        "class-conditional models: draw images of class C (its name or index); without it the grid has one row "
                + "per class"})
    String cls;

    @Mixin
    GridOptions grid = new GridOptions("samples.png");

    @Override
    public Integer call() {
        int scale = grid.scale();
        Path file = grid.file();
        try (PixelRnn m = PixelRnn.of(checkpoint.load().model()).showProgress(true)) {
            ModelConfig c = m.config();
            if (!c.conditional()) {
                if (cls != null) {
                    throw new UserError("--class: the model is unconditional (train it with --conditional)");
                }
                int count = Check.positive("--n", n == null ? 16 : n);
                ImageSet s = m.sample(count, grid.seed, grid.strategy());
                writeGrid(file, s, (int) Math.ceil(Math.sqrt(count)), scale);
                System.out.println("wrote " + count + " samples to " + file);
                return 0;
            }
            int[] classes;
            int columns;
            String what;
            if (cls != null) {
                int y = c.classIndex(cls);
                classes = new int[Check.positive("--n", n == null ? 16 : n)];
                Arrays.fill(classes, y);
                columns = (int) Math.ceil(Math.sqrt(classes.length));
                what = classes.length + " samples of class " + c.classes().get(y);
            } else {
                columns = Check.positive("--n", n == null ? 8 : n);
                classes = new int[c.classCount() * columns];
                for (int i = 0; i < classes.length; i++) {
                    classes[i] = i / columns;
                }
                what = columns + " samples of each class, one row per class (" + String.join(", ", c.classes()) + ")";
            }
            writeGrid(file, m.sample(classes, grid.seed, grid.strategy()), columns, scale);
            System.out.println("wrote " + what + " to " + file);
        }
        return 0;
    }

    private static void writeGrid(Path file, ImageSet s, int columns, int scale) {
        Png.writeGrid(file, s.toFloats(0, s.count()), s.count(), s.channels(), s.height(), s.width(), s.levels(),
                columns, scale, 1);
    }
}
