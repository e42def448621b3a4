package io.github.pixelrnn.cli;

import io.github.pixelrnn.PixelRnn;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.ImageFolderReader;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.eval.EvalData;
import io.github.pixelrnn.image.Grid;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.train.Checkpoint;
import io.github.pixelrnn.train.TrainConfig;
import java.nio.file.Path;
import java.util.Set;

/** {@code pixelrnn complete}: occlusion completion (hide the bottom, let the model fill it in). */
final class CompleteCommand implements Command {

    @Override
    public String name() {
        return "complete";
    }

    @Override
    public String summary() {
        return "hide rows from --from-row on and fill them in; grid of original | occluded | completions";
    }

    @Override
    public String usage() {
        return "usage: pixelrnn complete --checkpoint DIR [IMAGE.png ...] [options]\n" + Common.DATA_USAGE + """
                  --from-row R         first hidden row (default: half the height)
                  --n N                test images to complete when no images are given (default 8)
                  --k K                completions per image (default 4)
                  --seed N             seed (default 1)
                  --resize             resize given images to the model's size instead of failing
                  --out FILE           PNG grid (default completions.png)
                  --scale N            pixels per image pixel in the PNG (default 3)
                  --strategy S         cached (default) or naive (the whole network per sub-pixel)
                Known pixels are kept exactly; each row of the grid is original | occluded | K completions.
                """ + Common.RAW_WEIGHTS_USAGE;
    }

    @Override
    public Set<String> valueFlags() {
        return Common.union(Common.DATA_FLAGS, Set.of("checkpoint", "from-row", "n", "k", "seed", "out", "scale",
                "strategy"));
    }

    @Override
    public boolean takesFiles() {
        return true;
    }

    @Override
    public Set<String> switches() {
        return Set.of("resize", Common.RAW_WEIGHTS);
    }

    @Override
    public int run(Args a) {
        Path out = Common.outputFile(a.path("out", Path.of("completions.png")));
        int k = a.positive("k", 4);
        int scale = a.positive("scale", 3);
        try (Checkpoint.Loaded ck = Common.load(a)) {
            PixelRnn m = PixelRnn.of(ck.model());
            ModelConfig c = m.config();
            int fromRow = a.integer("from-row", c.height() / 2);
            if (fromRow < 0 || fromRow >= c.height()) {
                throw new UserError("--from-row must be in 0.." + (c.height() - 1) + ", got " + fromRow);
            }
            ImageSet originals;
            if (a.positional().isEmpty()) {
                TrainConfig t = ck.config().train();
                ImageSet test = Common.evaluationSet(a, t == null ? "mnist" : t.dataset(), false, c);
                originals = test.slice(0, Math.min(test.count(), a.positive("n", 8)));
            } else {
                originals = m.toModelLevels(readImages(a, c));
            }
            ImageSet completed = m.complete(repeatEach(originals, k), fromRow, a.longValue("seed", 1),
                    Common.strategy(a));
            writeGrid(out, originals, completed, k, fromRow, scale);
            int n = originals.count();
            System.out.println("wrote " + n + " x " + k + " completions (rows " + fromRow + ".." + (c.height() - 1)
                    + " hidden) to " + out);
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

    /**
     * The positional image files, which must have the model's size and channel count unless
     * {@code --resize} asks to convert them.
     */
    static ImageSet readImages(Args a, ModelConfig c) {
        var paths = Common.imagePaths(a);
        if (a.flag("resize")) {
            return ImageFolderReader.read(paths, c.height(), c.width(), c.channels());
        }
        ImageSet s = ImageFolderReader.readExact(paths, ImageFolderReader.AUTO_CHANNELS);
        EvalData.checkFits(s, c, "the input");
        return s;
    }
}
