package io.github.pixelrnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The skewing of the Diagonal BiLSTM (PixelRNN paper, Section 3.2, Figure 3): row r is shifted
 * right by r, so that the diagonals of the image become columns and one convolution along a
 * column computes a whole diagonal at once.
 *
 * <pre>
 *   a b c        a b c . .
 *   d e f  --->  . d e f .        (H, W) -> (H, W + H − 1); '.' is zero
 *   g h i        . . g h i
 * </pre>
 *
 * Both directions are a pad, a reshape and a narrow, with no per-row copies: with rows of
 * width W + H, the element (r, j) sits at flat index r(W+H) + j = r(W+H−1) + (r + j).
 */
final class Skew {
    private Skew() {
    }

    /** Channels-last maps (N, H, W, D) -> (N, H, W + H − 1, D), row r shifted right by r. */
    public static NDArray skewLast(NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0);
        long h = s.get(1);
        long w = s.get(2);
        long d = s.get(3);
        return Release.chain(x.pad(new Shape(0, 0, 0, h), 0), // (N, H, W + H, D)
                padded -> padded.reshape(n, h * (w + h), d), // (N, H·(W+H), D)
                flat -> Slices.narrow(flat, 1, 0, h * (w + h - 1)), // (N, H·(W+H−1), D)
                cut -> cut.reshape(n, h, w + h - 1, d)); // (N, H, W+H−1, D)
    }

    /** The inverse of {@link #skewLast}: (N, H, W + H − 1, D) -> (N, H, W, D). */
    public static NDArray unskewLast(NDArray s, long width) {
        Shape sh = s.getShape();
        long n = sh.get(0);
        long h = sh.get(1);
        long d = sh.get(3);
        return Release.chain(s.reshape(n, h * (width + h - 1), d), // (N, H·(W+H−1), D)
                flat -> flat.pad(new Shape(0, 0, 0, h), 0), // (N, H·(W+H), D)
                padded -> padded.reshape(n, h, width + h, d), // (N, H, W+H, D)
                rows -> Slices.narrow(rows, 2, 0, width)); // (N, H, W, D)
    }
}
