package io.github.pixelrnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * A transposed convolution ("deconvolution"; PixelRNN paper, Section 3.6, upsampling the small
 * image of the Multi-scale PixelRNN): kernel k, stride f, padding p, output (h−1)·f + k − 2p.
 *
 * <p>DJL's PyTorch engine does not implement {@code deconvolution}, so it is computed the
 * textbook way: insert f−1 zeros between input pixels along both axes, pad k−1−p zeros on each
 * side, and run an ordinary stride-1 convolution. This equals {@code ConvTranspose2d} with the kernel
 * flipped in both spatial axes, which for a learned kernel is only a relabelling of the weights.
 */
public final class TransposedConv2d extends Layer implements Flops.Counted {
    private final int in;
    private final int out;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final Parameter weight;
    private final Parameter bias;

    public TransposedConv2d(int in, int out, int kernel, int stride, int padding) {
        if (in <= 0 || out <= 0 || kernel <= 0 || stride <= 0 || padding < 0 || padding > kernel - 1) {
            throw new IllegalArgumentException("bad transposed conv " + in + "->" + out + " k=" + kernel
                    + " stride=" + stride + " padding=" + padding);
        }
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        // Each output pixel sees about (k/f)² input pixels per input map.
        long fanIn = Math.max(1, (long) in * kernel * kernel / ((long) stride * stride));
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(out, in, kernel, kernel)).optInitializer(new FanInUniform(fanIn)).build());
        this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(out)).optInitializer(new FanInUniform(fanIn)).build());
    }

    /** Output size along one axis for an input of size {@code size}. */
    public long outputSize(long size) {
        return (size - 1) * stride + kernel - 2L * padding;
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        Shape s = x.getShape();
        long n = s.get(0);
        long h = s.get(2);
        long w = s.get(3);
        NDArray spaced = x.reshape(n, in, h, 1, w, 1); // (N, in, h, 1, w, 1)
        // (N, in, h, f, w, f): each pixel followed by f−1 zeros along both axes
        NDArray zeros = spaced.pad(new Shape(0, stride - 1, 0, 0, 0, stride - 1), 0);
        NDArray dilated = zeros.reshape(n, in, h * stride, w * stride); // (N, in, h·f, w·f)
        long before = kernel - 1 - padding;
        // The dilated map already ends with f−1 zeros; the k−1−p after the last pixel that the
        // textbook construction pads need only k−p−f more.
        long after = kernel - padding - stride;
        NDArray padded;
        if (after >= 0) {
            padded = dilated.pad(new Shape(before, after, before, after), 0); // (N, in, (h−1)·f+2k−2p−1, …)
        } else {
            NDArray p = dilated.pad(new Shape(before, 0, before, 0), 0);
            padded = Slices.narrow(Slices.narrow(p, 2, 0, p.getShape().get(2) + after), 3, 0,
                    p.getShape().get(3) + after);
        }
        NDArray wt = ps.getValue(weight, x.getDevice(), training);
        NDArray b = ps.getValue(bias, x.getDevice(), training);
        return Convolutions.conv2d(padded, wt, b, 0, 0); // (N, out, (h−1)·f + k − 2p, (w−1)·f + k − 2p)
    }

    @Override
    public long forwardFlops(int height, int width) {
        // height×width is the input; every output pixel runs the whole kernel, zeros included.
        return 2L * out * in * kernel * kernel * outputSize(height) * outputSize(width);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), out, outputSize(s.get(2)), outputSize(s.get(3)))};
    }
}
