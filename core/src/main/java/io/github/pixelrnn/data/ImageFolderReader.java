package io.github.pixelrnn.data;

import io.github.pixelrnn.UserError;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Reads PNG and JPEG files into an {@link ImageSet} with 256 levels and no labels.
 *
 * <p>A directory stands for its {@code *.png}, {@code *.jpg} and {@code *.jpeg} files (not
 * recursive, any case, sorted by name); a file stands for itself. Images are converted to grey
 * (1 channel, luminance {@code 0.299 R + 0.587 G + 0.114 B}, rounded) or RGB (3 channels);
 * transparent pixels are composited over black; with {@link #AUTO_CHANNELS} a set of images that
 * are all grey gets 1 channel, otherwise 3. {@link #read} resizes to the requested size
 * (area averaging when shrinking, bilinear when growing, see {@link Resize}); {@link #readExact}
 * refuses an image of another size.
 */
public final class ImageFolderReader {
    private ImageFolderReader() {
    }

    /** {@code channels} value that asks for 1 channel if every image is grey, else 3. */
    public static final int AUTO_CHANNELS = 0;

    /** As {@link #read(List, int, int, int)} for one directory or file. */
    public static ImageSet read(Path dirOrFile, int height, int width, int channels) {
        return read(List.of(dirOrFile), height, width, channels);
    }

    /**
     * Reads all images of the given directories and files, each converted to {@code channels}
     * (1, 3 or {@link #AUTO_CHANNELS}) and resized to {@code height}×{@code width} if it has
     * another size.
     *
     * @throws UserError if a path is missing, a directory holds no images, or a file cannot be
     *     decoded as an image
     */
    public static ImageSet read(List<Path> dirsOrFiles, int height, int width, int channels) {
        checkShape(height, width, channels);
        return load(listImages(dirsOrFiles), height, width, channels, null);
    }

    /**
     * Reads the images of the given directories and files without resizing: each must be
     * {@code height}×{@code width}, otherwise a {@link UserError} "x.png is 30x30, the model needs
     * 28x28".
     */
    public static ImageSet readExact(List<Path> dirsOrFiles, int height, int width, int channels) {
        checkShape(height, width, channels);
        return load(listImages(dirsOrFiles), height, width, channels, "the model needs");
    }

    /**
     * Reads the images of the given directories and files without resizing; all must have the
     * size of the first one. {@code channels} may be {@link #AUTO_CHANNELS}.
     */
    public static ImageSet readExact(List<Path> dirsOrFiles, int channels) {
        checkShape(1, 1, channels);
        List<Path> files = listImages(dirsOrFiles);
        Decoded first = decode(files.get(0), 1);
        return load(files, first.height, first.width, channels, files.get(0).getFileName() + " is");
    }

    /** Decodes, converts and resizes (when {@code needs} is null) or size-checks each file. */
    private static ImageSet load(List<Path> files, int height, int width, int channels,
            String needs) {
        int decodeChannels = channels == 1 ? 1 : 3;
        int plane = height * width;
        int size = decodeChannels * plane;
        byte[] pixels = new byte[files.size() * size];
        boolean allGrey = true;
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            Decoded d = decode(f, decodeChannels);
            boolean resize = d.height != height || d.width != width;
            if (resize && needs != null) {
                throw new UserError(f + " is " + d.height + "x" + d.width + ", " + needs + " "
                        + height + "x" + width);
            }
            for (int c = 0; c < decodeChannels; c++) {
                double[] values = resize ? Resize.plane(d.planes[c], d.height, d.width, height, width)
                        : d.planes[c];
                store(values, pixels, i * size + c * plane);
            }
            allGrey &= decodeChannels == 1 || isGrey(pixels, i * size, plane);
        }
        if (channels == AUTO_CHANNELS && allGrey) {
            byte[] grey = new byte[files.size() * plane];
            for (int i = 0; i < files.size(); i++) {
                System.arraycopy(pixels, i * size, grey, i * plane, plane);
            }
            return new ImageSet(grey, files.size(), 1, height, width, 256, null);
        }
        return new ImageSet(pixels, files.size(), decodeChannels, height, width, 256, null);
    }

    private static boolean isGrey(byte[] rgb, int offset, int plane) {
        for (int k = 0; k < plane; k++) {
            byte r = rgb[offset + k];
            if (r != rgb[offset + plane + k] || r != rgb[offset + 2 * plane + k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The image files the given paths stand for: directories expanded to their PNG/JPEG files
     * sorted by name, files kept as given, in order.
     *
     * @throws UserError if a path does not exist, a directory holds no images, or there are none
     */
    public static List<Path> listImages(List<Path> dirsOrFiles) {
        List<Path> out = new ArrayList<>();
        for (Path p : dirsOrFiles) {
            if (Files.isDirectory(p)) {
                List<Path> found;
                try (Stream<Path> s = Files.list(p)) {
                    found = s.filter(f -> isImageName(f) && Files.isRegularFile(f))
                            .sorted((a, b) -> a.getFileName().toString()
                                    .compareTo(b.getFileName().toString()))
                            .toList();
                } catch (IOException e) {
                    throw new UserError("cannot list " + p + ": " + AtomicFiles.reason(e), e);
                }
                if (found.isEmpty()) {
                    throw new UserError(p + ": no .png, .jpg or .jpeg files in this directory");
                }
                out.addAll(found);
            } else if (Files.exists(p)) {
                out.add(p);
            } else {
                throw new UserError(p + ": no such file or directory");
            }
        }
        if (out.isEmpty()) {
            throw new UserError("no image files given");
        }
        return out;
    }

    /**
     * The class folders of {@code dir}, as torchvision's {@code ImageFolder} reads them: its
     * subdirectories that hold images, sorted by name, when {@code dir} holds no images itself;
     * otherwise none.
     */
    public static List<Path> classFolders(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> entries = s.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
            if (entries.stream().anyMatch(f -> isImageName(f) && Files.isRegularFile(f))) {
                return List.of();
            }
            List<Path> classes = new ArrayList<>();
            for (Path e : entries) {
                if (Files.isDirectory(e) && hasImages(e)) {
                    classes.add(e);
                }
            }
            return classes;
        } catch (IOException e) {
            throw new UserError("cannot list " + dir + ": " + AtomicFiles.reason(e), e);
        }
    }

    private static boolean hasImages(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(f -> isImageName(f) && Files.isRegularFile(f));
        }
    }

    /** {@code set} with image i labelled by the class folder its file came from (the folders' order, as listed). */
    public static ImageSet labelledByFolder(ImageSet set, List<Path> classFolders) {
        int[] labels = new int[set.count()];
        int i = 0;
        for (int k = 0; k < classFolders.size(); k++) {
            int n = listImages(List.of(classFolders.get(k))).size();
            java.util.Arrays.fill(labels, i, i + n, k);
            i += n;
        }
        if (i != set.count()) {
            throw new IllegalStateException("the class folders hold " + i + " images, the set " + set.count());
        }
        return new ImageSet(set.pixels(), set.count(), set.channels(), set.height(), set.width(), set.levels(),
                labels);
    }

    private static boolean isImageName(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    private static void checkShape(int height, int width, int channels) {
        if (channels != 1 && channels != 3 && channels != AUTO_CHANNELS) {
            throw new UserError("images must have 1 (grey) or 3 (RGB) channels, not " + channels);
        }
        if (height <= 0 || width <= 0) {
            throw new UserError("image size must be positive, not " + height + "x" + width);
        }
    }

    private static void store(double[] plane, byte[] out, int offset) {
        for (int k = 0; k < plane.length; k++) {
            long v = Math.round(plane[k]);
            out[offset + k] = (byte) Math.max(0, Math.min(255, v));
        }
    }

    /** One decoded image: {@code channels} planes of values in 0..255, not yet rounded. */
    private record Decoded(double[][] planes, int height, int width) {
    }

    /**
     * One PNG or JPEG image given as its file's bytes (a data-frame cell, say), read as
     * {@link #readExact(List, int)} reads a file with {@link #AUTO_CHANNELS}: one grey channel
     * when every pixel has R = G = B, else three; values 0..255, never resized.
     *
     * @param name what to call the image in a {@link UserError}
     */
    public static ImageSet decode(byte[] encoded, String name) {
        Decoded d = decode(read(() -> ImageIO.read(new ByteArrayInputStream(encoded)), name), 3);
        int plane = d.height * d.width;
        byte[] rgb = new byte[3 * plane];
        for (int c = 0; c < 3; c++) {
            store(d.planes[c], rgb, c * plane);
        }
        return isGrey(rgb, 0, plane) ? new ImageSet(Arrays.copyOf(rgb, plane), 1, 1, d.height, d.width, 256, null)
                : new ImageSet(rgb, 1, 3, d.height, d.width, 256, null);
    }

    private interface ImageSource {
        BufferedImage read() throws IOException;
    }

    private static BufferedImage read(ImageSource source, Object name) {
        BufferedImage img;
        try {
            img = source.read();
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new UserError("cannot read image " + name + ": " + why, e);
        }
        if (img == null) {
            throw new UserError(name + ": not a PNG or JPEG image (cannot decode it)");
        }
        return img;
    }

    private static Decoded decode(Path file, int channels) {
        return decode(read(() -> ImageIO.read(file.toFile()), file), channels);
    }

    private static Decoded decode(BufferedImage img, int channels) {
        int h = img.getHeight();
        int w = img.getWidth();
        double[][] rgb = toRgb(img);
        if (channels == 3) {
            return new Decoded(rgb, h, w);
        }
        double[] grey = new double[h * w];
        for (int k = 0; k < grey.length; k++) {
            grey[k] = 0.299 * rgb[0][k] + 0.587 * rgb[1][k] + 0.114 * rgb[2][k];
        }
        return new Decoded(new double[][] {grey}, h, w);
    }

    /**
     * The R, G, B planes of {@code img} in 0..255, composited over black. Grey images are read
     * from the raster directly: {@code getRGB} would pass them through a gamma conversion.
     */
    private static double[][] toRgb(BufferedImage img) {
        int h = img.getHeight();
        int w = img.getWidth();
        int n = h * w;
        ColorModel cm = img.getColorModel();
        if (!(cm instanceof IndexColorModel) && cm.getNumColorComponents() == 1
                && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            Raster r = img.getRaster();
            double max = (1L << cm.getComponentSize(0)) - 1;
            double amax = cm.hasAlpha() ? (1L << cm.getComponentSize(1)) - 1 : 1;
            double[] g = new double[n];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = r.getSample(x, y, 0) * 255.0 / max;
                    if (cm.hasAlpha()) {
                        v *= r.getSample(x, y, 1) / amax;
                    }
                    g[y * w + x] = v;
                }
            }
            return new double[][] {g, g, g};
        }
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        double[][] out = new double[3][n];
        for (int k = 0; k < n; k++) {
            int p = argb[k];
            double a = (p >>> 24) / 255.0;
            out[0][k] = ((p >> 16) & 0xFF) * a;
            out[1][k] = ((p >> 8) & 0xFF) * a;
            out[2][k] = (p & 0xFF) * a;
        }
        return out;
    }
}
