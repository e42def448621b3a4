package io.github.pixelrnn.nn;

import ai.djl.nn.Block;
import ai.djl.util.Pair;

/** Counts the arithmetic of a network, for the {@code bench} command's GFLOP/s figure. */
public final class Flops {
    private Flops() {
    }

    /**
     * Forward floating-point operations (2 per multiply-add) of the convolutions of
     * {@code block} (or what a {@link Counted} block reports) for one image of height×width, counting only the taps actually computed.
     */
    public static long forward(Block block, int height, int width) {
        if (block instanceof Counted counted) {
            return counted.forwardFlops(height, width);
        }
        long macs = 0;
        if (block instanceof MaskedConv2d conv) {
            macs += conv.macsPerPixel();
        }
        long flops = 2 * macs * height * width;
        for (Pair<String, Block> child : block.getChildren()) {
            flops += forward(child.getValue(), height, width);
        }
        return flops;
    }

    /** A block that counts its own arithmetic (e.g. one built from DJL's recurrent blocks). */
    public interface Counted {
        /** Forward floating-point operations (2 per multiply-add) for one image of height×width. */
        long forwardFlops(int height, int width);
    }
}
