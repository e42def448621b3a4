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

    @Option(names = "--seed", paramLabel = "N", description = "seed (default 1); the same seed gives the same images")
    long seed = 1;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "PNG grid to write (default samples.png)")
    Path out = Path.of("samples.png");

    @Option(names = "--scale", paramLabel = "N", description = "pixels per image pixel in the PNG (default 3)")
    int scale = 3;

    @Mixin
    StrategyOption strategy = new StrategyOption();

    @Override
    public Integer call() {
        Check.positive("--n", n);
        Check.positive("--scale", scale);
        Path file = Common.outputFile(out);
        try (PixelRnn m = PixelRnn.of(checkpoint.load().model())) {
            ImageSet s = m.sample(n, seed, strategy.strategy());
            Png.writeGrid(file, s.toFloats(0, n), n, s.channels(), s.height(), s.width(), s.levels(),
                    (int) Math.ceil(Math.sqrt(n)), scale, 1);
        }
        System.out.println("wrote " + n + " samples to " + file);
        return 0;
    }
}
