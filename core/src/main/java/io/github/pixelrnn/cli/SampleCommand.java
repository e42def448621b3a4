package io.github.pixelrnn.cli;

import io.github.pixelrnn.PixelRnn;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.image.Png;
import java.nio.file.Path;
import java.util.Set;

/** {@code pixelrnn sample}: new images as a PNG grid. */
final class SampleCommand implements Command {

    @Override
    public String name() {
        return "sample";
    }

    @Override
    public String summary() {
        return "generate N images as a PNG grid";
    }

    @Override
    public String usage() {
        return """
                usage: pixelrnn sample --checkpoint DIR [options]
                  --n N                number of images (default 16)
                  --seed N             seed (default 1); the same seed gives the same images
                  --out FILE           PNG grid to write (default samples.png)
                  --scale N            pixels per image pixel in the PNG (default 3)
                  --strategy S         cached (default: every layer reuses its past work) or naive
                                       (the whole network again for every sub-pixel, the reference)
                """ + Common.RAW_WEIGHTS_USAGE;
    }

    @Override
    public Set<String> valueFlags() {
        return Set.of("checkpoint", "n", "seed", "out", "scale", "strategy");
    }

    @Override
    public Set<String> switches() {
        return Set.of(Common.RAW_WEIGHTS);
    }

    @Override
    public int run(Args a) {
        int n = a.positive("n", 16);
        int scale = a.positive("scale", 3);
        Path out = Common.outputFile(a.path("out", Path.of("samples.png")));
        try (PixelRnn m = PixelRnn.of(Common.load(a).model())) {
            ImageSet s = m.sample(n, a.longValue("seed", 1), Common.strategy(a));
            Png.writeGrid(out, s.toFloats(0, n), n, s.channels(), s.height(), s.width(), s.levels(),
                    (int) Math.ceil(Math.sqrt(n)), scale, 1);
        }
        System.out.println("wrote " + n + " samples to " + out);
        return 0;
    }
}
