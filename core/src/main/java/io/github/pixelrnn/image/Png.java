package io.github.pixelrnn.image;

import io.github.pixelrnn.data.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes PNG files: any picture, grids of images, heat maps. Writes are atomic (a temporary file
 * in the same directory, then renamed) and create missing parent directories; a file that
 * cannot be written is a {@link io.github.pixelrnn.UserError} "cannot write FILE: REASON".
 */
public final class Png {
    private Png() {
    }

    /** Writes {@code img} to {@code file} as PNG, atomically. */
    public static void write(Path file, BufferedImage img) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "png", buf)) {
                throw new IllegalStateException("no PNG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding failed", e);
        }
        AtomicFiles.write(file, buf.toByteArray());
    }

    /**
     * Writes {@code n} images {@code values} (N×C×H×W, sub-pixel values in {@code 0..levels-1})
     * as one grid PNG, {@code cols} tiles per row, each pixel magnified {@code scale} times,
     * {@code pad} pixels of padding between and around tiles.
     */
    public static void writeGrid(Path file, float[] values, int n, int channels, int h, int w,
            int levels, int cols, int scale, int pad) {
        if (cols < 1) {
            throw new IllegalArgumentException("cols must be at least 1: " + cols);
        }
        Grid grid = new Grid(channels, h, w, levels).scale(scale).pad(pad);
        int size = channels * h * w;
        for (int i = 0; i < n; i++) {
            if (i > 0 && i % cols == 0) {
                grid.newRow();
            }
            grid.add(values, i * size);
        }
        grid.write(file);
    }

    /**
     * Writes {@code values} (H×W, row-major) as a heat map PNG normalised to its maximum (0 and
     * below black, the maximum white, see {@link HeatColors}), each pixel magnified {@code scale}
     * times, no padding.
     *
     * @return the maximum, the value drawn white (0 if no value is positive)
     */
    public static double writeHeatMap(Path file, double[] values, int h, int w, int scale) {
        if (values.length != h * w) {
            throw new IllegalArgumentException(values.length + " values for a " + h + "x" + w + " map");
        }
        double max = 0;
        for (double v : values) {
            if (v > max) {
                max = v;
            }
        }
        new Grid(1, h, w, 2).scale(scale).pad(0).addHeat(values, 0, max).write(file);
        return max;
    }
}
