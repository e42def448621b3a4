package io.github.pixelrnn.cli;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.codec.CompressedFile;
import io.github.pixelrnn.codec.ImageCodec;
import io.github.pixelrnn.data.AtomicFiles;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.image.Png;
import io.github.pixelrnn.store.Checkpoint;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
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

/** {@code pixelrnn decompress}: a compressed file back to PNG images or an IDX file. */
@Command(name = "decompress", sortOptions = false,
        description = "decode a compressed file with its model into PNGs (or IDX)",
        customSynopsis = "pixelrnn decompress FILE --checkpoint DIR -o DIR [--format png|idx]",
        footer = {"", "Binary images are written with pixels 0 and 255. Nothing is written unless every",
            "decoded pixel matches the file's checksum."})
final class DecompressCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "0..*", description = "the compressed file")
    List<Path> files = new ArrayList<>();

    @Mixin
    CheckpointOptions checkpoint = new CheckpointOptions();

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR",
            description = "output folder: image-00000.png, ... or images.idx (and labels.csv for a class-conditional model)")
    Path out;

    @Option(names = "--format", paramLabel = "F",
            description = "png (default) or idx (one IDX file: N×H×W, or N×C×H×W for colour)")
    String format = "png";

    @Override
    public Integer call() throws IOException {
        if (files.size() != 1) {
            throw new UserError("give one compressed file to decompress, got " + files.size());
        }
        Path in = files.get(0);
        if (!format.equals("png") && !format.equals("idx")) {
            throw new UserError("--format must be png or idx, got '" + format + "'");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserError(out + " is a file; give a folder for the decoded images");
        }
        CompressedFile file = CompressCommand.read(in);
        ImageSet images;
        List<String> checkpointClasses;
        long t = System.nanoTime();
        try (Checkpoint.Loaded ck = checkpoint.load()) {
            images = ImageCodec.decompress(ck.model(), file, in.toString(), "decompress");
            checkpointClasses = ck.model().config().classes();
        }
        Files.createDirectories(out);
        if (format.equals("idx")) {
            AtomicFiles.write(out.resolve("images.idx"), idx(images));
        } else {
            for (int i = 0; i < images.count(); i++) {
                Png.write(out.resolve(String.format(Locale.ROOT, "image-%05d.png", i)), picture(images, i));
            }
        }
        if (images.labels() != null) {
            // a class-conditional model's file carries the labels: one line per image, in order
            List<String> names = checkpointClasses;
            StringBuilder csv = new StringBuilder("image,label,class\n");
            for (int i = 0; i < images.count(); i++) {
                int y = images.labels()[i];
                csv.append(i).append(',').append(y).append(',').append(names.get(y)).append('\n');
            }
            AtomicFiles.write(out.resolve("labels.csv"), csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        System.out.printf(Locale.ROOT, "decoded %d images of %dx%dx%d into %s (%s) in %.0f s%n", images.count(),
                images.channels(), images.height(), images.width(), out, format, (System.nanoTime() - t) / 1e9);
        return 0;
    }

    /** Binary images as 8-bit ones, 0 and 255. */
    static int eightBit(ImageSet s, int i, int c, int y, int x) {
        int v = s.value(i, c, y, x);
        return s.levels() == 2 ? v * 255 : v;
    }

    private static BufferedImage picture(ImageSet s, int i) {
        boolean grey = s.channels() == 1;
        BufferedImage img = new BufferedImage(s.width(), s.height(),
                grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < s.height(); y++) {
            for (int x = 0; x < s.width(); x++) {
                if (grey) {
                    img.getRaster().setSample(x, y, 0, eightBit(s, i, 0, y, x));
                } else {
                    img.setRGB(x, y, eightBit(s, i, 0, y, x) << 16 | eightBit(s, i, 1, y, x) << 8 | eightBit(s, i, 2, y, x));
                }
            }
        }
        return img;
    }

    /** IDX: magic 0x0803 (N×H×W) for grey images, 0x0804 (N×C×H×W) for colour; unsigned bytes. */
    static byte[] idx(ImageSet s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            boolean grey = s.channels() == 1;
            out.writeInt(grey ? 0x0803 : 0x0804);
            out.writeInt(s.count());
            if (!grey) {
                out.writeInt(s.channels());
            }
            out.writeInt(s.height());
            out.writeInt(s.width());
            for (int i = 0; i < s.count(); i++) {
                for (int c = 0; c < s.channels(); c++) {
                    for (int y = 0; y < s.height(); y++) {
                        for (int x = 0; x < s.width(); x++) {
                            out.writeByte(eightBit(s, i, c, y, x));
                        }
                    }
                }
            }
        }
        return bytes.toByteArray();
    }
}
