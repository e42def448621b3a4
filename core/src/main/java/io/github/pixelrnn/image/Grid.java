package io.github.pixelrnn.image;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Composes one picture from rows of equally sized tiles: images (grey or RGB, sub-pixel values
 * in {@code 0..levels-1}, 0 black and {@code levels-1} white), images with some pixels marked
 * unknown (drawn in a distinct muted red), and heat maps. Tiles are magnified {@code scale}
 * times and separated, and surrounded, by {@code pad} pixels of the padding colour. Rows may
 * have different numbers of tiles; the picture is as wide as the longest.
 *
 * <pre>{@code
 * Grid g = new Grid(1, 28, 28, 2).scale(3);
 * g.add(original, 0).add(occluded, 0, unknownMask);
 * g.add(completion1, 0).add(completion2, 0).newRow();
 * g.write(Path.of("complete.png"));
 * }</pre>
 */
public final class Grid {
    /** The default colour of padding: a blue-grey, unlike any grey-level or heat colour. */
    public static final int DEFAULT_PAD_COLOR = 0x5A6E8C;
    /** The default colour of unknown pixels: a muted red. */
    public static final int DEFAULT_UNKNOWN_COLOR = 0xB04A4A;

    private final int channels;
    private final int height;
    private final int width;
    private final int levels;
    private int scale = 1;
    private int pad = 1;
    private int padColor = DEFAULT_PAD_COLOR;
    private int unknownColor = DEFAULT_UNKNOWN_COLOR;
    private final List<List<int[]>> rows = new ArrayList<>();

    /**
     * A grid of tiles of {@code channels} (1 or 3) × {@code height} × {@code width} with
     * {@code levels} (at least 2) values per sub-pixel.
     */
    public Grid(int channels, int height, int width, int levels) {
        if ((channels != 1 && channels != 3) || height <= 0 || width <= 0 || levels < 2) {
            throw new IllegalArgumentException("bad tile shape " + channels + "x" + height + "x"
                    + width + " with " + levels + " levels");
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.levels = levels;
        rows.add(new ArrayList<>());
    }

    /** Magnifies each tile pixel to {@code s}×{@code s} (default 1). */
    public Grid scale(int s) {
        if (s < 1) {
            throw new IllegalArgumentException("scale must be at least 1: " + s);
        }
        scale = s;
        return this;
    }

    /** Pixels of padding between and around tiles (default 1). */
    public Grid pad(int p) {
        if (p < 0) {
            throw new IllegalArgumentException("padding must be at least 0: " + p);
        }
        pad = p;
        return this;
    }

    /** The 0xRRGGBB colour of padding. */
    public Grid padColor(int rgb) {
        padColor = rgb & 0xFFFFFF;
        return this;
    }

    /** The 0xRRGGBB colour of unknown pixels. */
    public Grid unknownColor(int rgb) {
        unknownColor = rgb & 0xFFFFFF;
        return this;
    }

    /** Appends the image at {@code values[offset..]} (C×H×W) to the current row. */
    public Grid add(float[] values, int offset) {
        return add(values, offset, null);
    }

    /**
     * Appends the image at {@code values[offset..]} (C×H×W) to the current row, drawing the
     * pixels where {@code unknownOrNull} (H×W, row-major) is true in the unknown colour.
     */
    public Grid add(float[] values, int offset, boolean[] unknownOrNull) {
        int plane = height * width;
        if (offset < 0 || offset + channels * plane > values.length) {
            throw new IllegalArgumentException("values hold " + values.length + " floats, tile at "
                    + offset + " needs " + channels * plane);
        }
        if (unknownOrNull != null && unknownOrNull.length != plane) {
            throw new IllegalArgumentException("mask has " + unknownOrNull.length + " entries, not "
                    + plane);
        }
        int[] tile = new int[plane];
        for (int k = 0; k < plane; k++) {
            if (unknownOrNull != null && unknownOrNull[k]) {
                tile[k] = unknownColor;
                continue;
            }
            int r = level(values[offset + k]);
            if (channels == 1) {
                tile[k] = (r << 16) | (r << 8) | r;
            } else {
                int g = level(values[offset + plane + k]);
                int b = level(values[offset + 2 * plane + k]);
                tile[k] = (r << 16) | (g << 8) | b;
            }
        }
        current().add(tile);
        return this;
    }

    /**
     * Appends a heat map tile of {@code values[offset..]} (H×W), {@code max} and above drawn
     * white, 0 and below black (see {@link HeatColors}).
     */
    public Grid addHeat(double[] values, int offset, double max) {
        int plane = height * width;
        if (offset < 0 || offset + plane > values.length) {
            throw new IllegalArgumentException("values hold " + values.length + " doubles, tile at "
                    + offset + " needs " + plane);
        }
        int[] tile = new int[plane];
        for (int k = 0; k < plane; k++) {
            tile[k] = HeatColors.rgb(max > 0 ? values[offset + k] / max : 0);
        }
        current().add(tile);
        return this;
    }

    /** Appends an empty tile (padding colour) to the current row. */
    public Grid addBlank() {
        current().add(null);
        return this;
    }

    /** Starts a new row (no effect if the current row is still empty). */
    public Grid newRow() {
        if (!current().isEmpty()) {
            rows.add(new ArrayList<>());
        }
        return this;
    }

    /** The number of tiles so far. */
    public int size() {
        return rows.stream().mapToInt(List::size).sum();
    }

    /** The picture, {@code cols·W·scale + (cols+1)·pad} wide and likewise high. */
    public BufferedImage render() {
        List<List<int[]>> full = rows.stream().filter(r -> !r.isEmpty()).toList();
        int cols = full.stream().mapToInt(List::size).max().orElse(0);
        int tw = width * scale;
        int th = height * scale;
        int pw = Math.max(1, cols * tw + (cols + 1) * pad);
        int ph = Math.max(1, full.size() * th + (full.size() + 1) * pad);
        BufferedImage img = new BufferedImage(pw, ph, BufferedImage.TYPE_INT_RGB);
        int[] line = new int[pw];
        Arrays.fill(line, padColor);
        for (int y = 0; y < ph; y++) {
            img.setRGB(0, y, pw, 1, line, 0, pw);
        }
        for (int r = 0; r < full.size(); r++) {
            List<int[]> row = full.get(r);
            for (int c = 0; c < row.size(); c++) {
                int[] tile = row.get(c);
                if (tile == null) {
                    continue;
                }
                int x0 = pad + c * (tw + pad);
                int y0 = pad + r * (th + pad);
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        int rgb = tile[y * width + x];
                        for (int dy = 0; dy < scale; dy++) {
                            for (int dx = 0; dx < scale; dx++) {
                                img.setRGB(x0 + x * scale + dx, y0 + y * scale + dy, rgb);
                            }
                        }
                    }
                }
            }
        }
        return img;
    }

    /** Renders and writes the picture as PNG, atomically (see {@link Png#write}). */
    public void write(Path file) {
        Png.write(file, render());
    }

    private List<int[]> current() {
        return rows.get(rows.size() - 1);
    }

    private int level(float v) {
        if (!(v > 0)) {
            return 0;
        }
        double t = v / (double) (levels - 1);
        return t >= 1 ? 255 : (int) Math.round(t * 255);
    }
}
