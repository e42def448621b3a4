package io.github.pixelrnn.cli;

import io.github.pixelrnn.PixelRnn;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.image.Png;
import java.nio.file.Path;
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

    @Option(names = "--n", paramLabel = "N", description = "number of images (default 16)")
    int n = 16;

    @Mixin
    GridOptions grid = new GridOptions("samples.png");

    @Override
    public Integer call() {
        Check.positive("--n", n);
        int scale = grid.scale();
        Path file = grid.file();
        try (PixelRnn m = PixelRnn.of(checkpoint.load().model())) {
            ImageSet s = m.sample(n, grid.seed, grid.strategy());
            Png.writeGrid(file, s.toFloats(0, n), n, s.channels(), s.height(), s.width(), s.levels(),
                    (int) Math.ceil(Math.sqrt(n)), scale, 1);
        }
        System.out.println("wrote " + n + " samples to " + file);
        return 0;
    }
}
