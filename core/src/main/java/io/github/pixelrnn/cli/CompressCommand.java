package io.github.pixelrnn.cli;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.codec.CompressedFile;
import io.github.pixelrnn.codec.ImageCodec;
import io.github.pixelrnn.data.AtomicFiles;
import io.github.pixelrnn.data.Binarization;
import io.github.pixelrnn.data.ImageFolderReader;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.eval.EvalData;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.model.PixelModel;
import io.github.pixelrnn.store.Checkpoint;
import io.github.pixelrnn.store.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pixelrnn compress}: images to one file, arithmetic-coded with a model; {@code --info} reads a file's header. */
@Command(name = "compress", sortOptions = false,
        description = "compress images losslessly with a model (arithmetic coding); --info FILE prints a file's header",
        customSynopsis = {
            "pixelrnn compress --checkpoint DIR (IMAGE.png|DIR ... | --dataset NAME [--split test|train]) -o FILE",
            "       pixelrnn compress --info FILE"},
        footer = {"", "Given images must have the model's size and channels; a binary model codes binary",
            "images (pixels 0 or 255), a data set is binarized with the fixed evaluation seed."})
final class CompressCommand implements Callable<Integer> {
    @Mixin
    CheckpointOptions checkpoint = new CheckpointOptions();

    @Parameters(paramLabel = "IMAGE", arity = "0..*", description = "PNG/JPEG files, or directories of them")
    List<Path> paths = new ArrayList<>();

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--split", paramLabel = "NAME", description = "with --dataset: test (default) or train")
    String split = "test";

    @Option(names = "--limit", paramLabel = "N", description = "only the first N images of the data set")
    Integer limit;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "the compressed file (written atomically)")
    Path out;

    @Option(names = "--batch", paramLabel = "N", description = "images coded together (default 512); decoding repeats it")
    int batch = ImageCodec.DEFAULT_BATCH;

    /** {@code help = true}: with {@code --info} the required {@code --checkpoint} may be left out. */
    @Option(names = "--info", help = true, paramLabel = "FILE",
            description = "print the header of a compressed file and exit")
    Path info;

    @Override
    public Integer call() throws IOException {
        if (info != null) {
            System.out.print(read(info).describe(Files.size(info)));
            return 0;
        }
        if (out == null) {
            throw new UserError("compress: --out is required");
        }
        Path file = Common.outputFile(out);
        Check.positive("--batch", batch);
        try (Checkpoint.Loaded ck = checkpoint.load()) {
            PixelModel model = ck.model();
            ImageSet images = images(ck, model.config());
            if (images.count() == 0) {
                throw new UserError("no images to compress");
            }
            long t = System.nanoTime();
            CompressedFile compressed = ImageCodec.compress(model, images, batch, "compress");
            byte[] bytes = compressed.toBytes();
            AtomicFiles.write(file, bytes);
            long dims = (long) images.count() * images.imageSize();
            System.out.printf(Locale.ROOT, "compressed %d images into %s: %d bytes (%d coded, %d header), %.4f bits/dim, "
                    + "%.1f bits/image, in %.0f s%n", images.count(), file, bytes.length, compressed.payload().length,
                    CompressedFile.OVERHEAD_BYTES, bytes.length * 8.0 / dims, bytes.length * 8.0 / images.count(),
                    (System.nanoTime() - t) / 1e9);
        }
        return 0;
    }

    /** The images to code: the positional files and folders, or a data set split. */
    private ImageSet images(Checkpoint.Loaded ck, ModelConfig c) {
        boolean files = !paths.isEmpty();
        if (files == (data.dataset != null)) {
            throw new UserError(files ? "give image files or --dataset, not both" : "give image files or --dataset NAME");
        }
        ImageSet set;
        if (files) {
            // exactly the model's size and channels: no --resize, the code must be lossless
            ImageSet raw = ImageFolderReader.readExact(paths, ImageFolderReader.AUTO_CHANNELS);
            EvalData.checkFits(raw, c, "the input");
            set = c.levels() == 2 ? Binarization.fromBlackAndWhite(raw) : raw;
        } else {
            if (!split.equals("test") && !split.equals("train")) {
                throw new UserError("--split must be test or train, got '" + split + "'");
            }
            TrainConfig t = ck.config().train();
            set = data.evaluationSet(t == null ? "mnist" : t.dataset(), split.equals("train"), c);
        }
        int n = Check.positive("--limit", limit, set.count());
        return n < set.count() ? set.slice(0, n) : set;
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
