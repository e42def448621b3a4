package io.github.pixelrnn.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The order in which a model generates sub-pixels, i.e. the order of the chain rule its
 * likelihood uses. Sub-pixels are generated phase by phase; inside a phase, in raster order
 * (rows, columns, then R, G, B). Single-scale models have one phase. A Multi-scale PixelRNN
 * has two: first the pixels of the subsampled grid (the small image, in its own raster order),
 * then all the others given the grid.
 */
public interface Ordering {

    /**
     * One sub-pixel in the generation order.
     *
     * @param index its rank in the order, from 0
     * @param phase the phase it belongs to
     * @param channel its colour
     * @param y its row
     * @param x its column
     */
    record Position(int index, int phase, int channel, int y, int x) {
        /** Its offset in one C×H×W image. */
        public int offset(int height, int width) {
            return (channel * height + y) * width + x;
        }

        @Override
        public String toString() {
            return "(c=" + channel + ", y=" + y + ", x=" + x + ")";
        }
    }

    /** Single-scale models: one phase, plain raster order. */
    Ordering RASTER = new Ordering() {
        @Override
        public int phase(int y, int x) {
            return 0;
        }

        @Override
        public List<String> phaseNames() {
            return List.of("all");
        }

        @Override
        public int rowsNeeded(int phase, int y, int height) {
            return y + 1;
        }
    };

    /** Multi-scale models: the grid {@code (f·i, f·j)} first, then the rest. */
    static Ordering grid(int factor) {
        return new Ordering() {
            @Override
            public int phase(int y, int x) {
                return y % factor == 0 && x % factor == 0 ? 0 : 1;
            }

            @Override
            public List<String> phaseNames() {
                return List.of("small image, -log p(s)", "rest given small, -log p(x|s)");
            }

            @Override
            public int rowsNeeded(int phase, int y, int height) {
                // The small image's row y/f needs rows up to it (and a multiple of f in all);
                // the large network conditions on the whole small image.
                return phase == 0 ? Math.min(height, (y / factor + 1) * factor) : height;
            }
        };
    }

    /** The phase (0-based) in which pixel (y, x) is generated. */
    int phase(int y, int x);

    /** Number of phases. */
    default int phases() {
        return phaseNames().size();
    }

    /** What each phase's share of the likelihood is, for reports. */
    List<String> phaseNames();

    /**
     * How many top rows of the canvas determine the distributions of row {@code y} in
     * {@code phase}: running the network on just those rows gives the same outputs in row y.
     */
    int rowsNeeded(int phase, int y, int height);

    /**
     * Every sub-pixel of a C×H×W image in generation order: phase by phase; inside a phase rows,
     * then columns, then colours. This is the one place the order is walked.
     */
    default List<Position> positions(int channels, int height, int width) {
        List<Position> all = new ArrayList<>(channels * height * width);
        for (int p = 0; p < phases(); p++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    if (phase(y, x) != p) {
                        continue;
                    }
                    for (int c = 0; c < channels; c++) {
                        all.add(new Position(all.size(), p, c, y, x));
                    }
                }
            }
        }
        return Collections.unmodifiableList(all);
    }

    /** Position of sub-pixel (c, y, x) in the generation order of a C×H×W image. */
    default long rank(int c, int y, int x, int channels, int height, int width) {
        return (long) phase(y, x) * channels * height * width + ((long) y * width + x) * channels + c;
    }
}
