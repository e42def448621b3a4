package io.github.pixelrnn.cli;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.codec.CompressedFile;
import io.github.pixelrnn.codec.ImageCodec;
import io.github.pixelrnn.data.AtomicFiles;
import io.github.pixelrnn.data.Binarization;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.model.PixelModel;
import io.github.pixelrnn.train.Checkpoint;
import io.github.pixelrnn.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** {@code pixelrnn compress}: images to one file, arithmetic-coded with a model; {@code --info} reads a file's header. */
final class CompressCommand implements Command {

    @Override
    public String name() {
        return "compress";
    }

    @Override
    public String summary() {
        return "compress images losslessly with a model (arithmetic coding); --info FILE prints a file's header";
    }

    @Override
    public String usage() {
        return "usage: pixelrnn compress --checkpoint DIR (IMAGE.png|DIR ... | --dataset NAME [--split test|train]) -o FILE\n"
                + "       pixelrnn compress --info FILE\n" + Common.DATA_USAGE + """
                  --split NAME         with --dataset: test (default) or train
                  --limit N            only the first N images of the data set
                  -o, --out FILE       the compressed file (written atomically)
                  --batch N            images coded together (default 512); decoding repeats it
                  --info FILE          print the header of a compressed file and exit
                Given images must have the model's size and channels; a binary model codes binary
                images (pixels 0 or 255), a data set is binarized with the fixed evaluation seed.
                """ + Common.RAW_WEIGHTS_USAGE;
    }

    @Override
    public Set<String> valueFlags() {
        return Common.union(Common.DATA_FLAGS, Set.of("checkpoint", "split", "limit", "out", "batch", "info"));
    }

    @Override
    public Set<String> switches() {
        return Set.of(Common.RAW_WEIGHTS);
    }

    @Override
    public boolean takesFiles() {
        return true;
    }

    @Override
    public int run(Args a) throws IOException {
        if (a.has("info")) {
            Path file = a.path("info", null);
            System.out.print(read(file).describe(Files.size(file)));
            return 0;
        }
        Path out = Common.outputFile(Path.of(a.require("out")));
        int batch = a.positive("batch", ImageCodec.DEFAULT_BATCH);
        try (Checkpoint.Loaded ck = Common.load(a)) {
            PixelModel model = ck.model();
            ImageSet images = images(a, ck, model.config());
            if (images.count() == 0) {
                throw new UserError("no images to compress");
            }
            long t = System.nanoTime();
            CompressedFile file = ImageCodec.compress(model, images, batch, "compress");
            byte[] bytes = file.toBytes();
            AtomicFiles.write(out, bytes);
            long dims = (long) images.count() * images.imageSize();
            System.out.printf(Locale.ROOT, "compressed %d images into %s: %d bytes (%d coded, %d header), %.4f bits/dim, "
                    + "%.1f bits/image, in %.0f s%n", images.count(), out, bytes.length, file.payload().length,
                    CompressedFile.OVERHEAD_BYTES, bytes.length * 8.0 / dims, bytes.length * 8.0 / images.count(),
                    (System.nanoTime() - t) / 1e9);
        }
        return 0;
    }

    /** The images to code: the positional files and folders, or a data set split. */
    private static ImageSet images(Args a, Checkpoint.Loaded ck, ModelConfig c) {
        boolean files = !a.positional().isEmpty();
        if (files == a.has("dataset")) {
            throw new UserError(files ? "give image files or --dataset, not both" : "give image files or --dataset NAME");
        }
        ImageSet set;
        if (files) {
            ImageSet raw = CompleteCommand.readImages(a, c);
            set = c.levels() == 2 ? Binarization.fromBlackAndWhite(raw) : raw;
        } else {
            String split = a.get("split", "test");
            if (!split.equals("test") && !split.equals("train")) {
                throw new UserError("--split must be test or train, got '" + split + "'");
            }
            TrainConfig t = ck.config().train();
            set = Common.evaluationSet(a, t == null ? "mnist" : t.dataset(), split.equals("train"), c);
        }
        int limit = a.positive("limit", set.count());
        return limit < set.count() ? set.slice(0, limit) : set;
    }

    /** A compressed file's bytes, parsed; one-line errors for a missing or broken file. */
    static CompressedFile read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + AtomicFiles.reason(e));
        }
        return CompressedFile.parse(bytes, file.toString());
    }
}
