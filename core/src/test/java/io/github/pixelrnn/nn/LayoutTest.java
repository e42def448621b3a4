package io.github.pixelrnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.github.pixelrnn.util.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Channels-last computation gives the same outputs and the same gradients (of the input, the
 * weight and the bias) as channels-first, for every way {@link MaskedConv2d} computes a layer,
 * and the output stack's single addition of the summed skip biases gives every skip bias the
 * gradient it would get on its own.
 */
class LayoutTest {
    private static final int N = 2;
    private static final int H = 5;
    private static final int W = 6;

    @Test
    void maskedConvolutionIsTheSameInBothLayouts() {
        check(new MaskedConv2d(MaskType.A, 1, 8, 7, 7, 1, true), 1); // input layer, gathered taps
        check(new MaskedConv2d(MaskType.A, 3, 6, 7, 7, 3, true), 3); // RGB input layer
        check(new MaskedConv2d(MaskType.B, 6, 6, 3, 3, 3, true), 6); // k×k mask B, colour groups
        check(new MaskedConv2d(MaskType.B, 8, 4, 3, 3, 1, false), 8); // k×k, no bias
        check(MaskedConv2d.pointwise(MaskType.B, 8, 4, 1), 8); // 1×1, nothing masked
        check(MaskedConv2d.pointwise(MaskType.B, 6, 9, 3), 6); // 1×1, colour mask
        check(new MaskedConv2d(MaskType.B, 6, 12, 1, 3, 3, 2, true), 6); // 1×k, two gate blocks
        check(new MaskedConv2d(null, 4, 5, 3, 3, 1, true), 4); // unmasked
    }

    @Test
    void outputStackIsTheSameInBothLayouts() {
        int[] layers = {4, 4, 4, 4, 4};
        for (boolean skip : new boolean[] {true, false}) {
            OutputStack first = new OutputStack(layers, skip, 6, 3, 3, Layout.CHANNELS_FIRST);
            OutputStack last = new OutputStack(layers, skip, 6, 3, 3, Layout.CHANNELS_LAST);
            try (NDManager m = NDManager.newBaseManager()) {
                first.initialize(m, DataType.FLOAT32, new Shape(N, 4, H, W));
                last.initialize(m, DataType.FLOAT32, new Shape(N, 4, H, W));
                // The same parameters in both (different initial draws otherwise); distinct skip
                // biases, so a bias added to the wrong layer or left out changes the output.
                Rng rng = new Rng(skip ? 7 : 8);
                for (Pair<String, Parameter> p : first.getParameters()) {
                    NDArray values = random(m, p.getValue().getArray().getShape(), rng);
                    p.getValue().getArray().set(values.toFloatArray());
                    last.getParameters().get(p.getKey()).getArray().set(values.toFloatArray());
                }
                List<NDArray> maps = new ArrayList<>();
                for (int l = 0; l < layers.length; l++) {
                    maps.add(random(m, new Shape(N, 4, H, W), rng));
                }
                NDArray upstream = random(m, new Shape(N, 3, H, W), rng);
                List<float[]> want = referenceOutputAndGradients(m, first, maps, upstream);
                assertClose(want, stackOutputAndGradients(m, first, Layout.CHANNELS_FIRST, maps, upstream),
                        "channels-first output stack, skip=" + skip);
                assertClose(want, stackOutputAndGradients(m, last, Layout.CHANNELS_LAST, maps, upstream),
                        "channels-last output stack, skip=" + skip);
            }
        }
    }

    /**
     * The output, then the gradient of every parameter of the stack, of Σ logits · upstream; the
     * same in a second pass, whose gradients are zeroed and accumulated into the first's
     * storage, as every training step after the first is.
     */
    private static List<float[]> stackOutputAndGradients(NDManager m, OutputStack stack, Layout layout,
            List<NDArray> maps, NDArray upstream) {
        List<float[]> first = stackPass(m, stack, layout, maps, upstream);
        List<float[]> second = stackPass(m, stack, layout, maps, upstream);
        assertClose(first, second, layout + " output stack, second pass");
        return second;
    }

    private static List<float[]> stackPass(NDManager m, OutputStack stack, Layout layout, List<NDArray> maps,
            NDArray upstream) {
        ParameterStore ps = new ParameterStore(m, false);
        List<float[]> out = new ArrayList<>();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.zeroGradients();
            NDArray sum = null;
            for (int l = 0; l < maps.size(); l++) {
                NDArray r = layout.fromChannelsFirst(maps.get(l)).getNDArrayInternal().relu();
                sum = stack.accumulate(ps, sum, r, l, maps.size(), true);
            }
            NDArray y = layout.toChannelsFirst(stack.finish(ps, sum, maps.size(), true)); // (N, 3, H, W)
            out.add(y.toFloatArray());
            gc.backward(y.mul(upstream).sum());
        }
        for (Pair<String, Parameter> p : stack.getParameters()) {
            out.add(p.getValue().getArray().getGradient().toFloatArray());
        }
        return out;
    }

    /**
     * The same from the stack's own layers, each applied with its bias: Σ_l (W_l·ReLU(h_l) + b_l),
     * then the two ReLU + 1×1 layers.
     */
    private static List<float[]> referenceOutputAndGradients(NDManager m, OutputStack stack, List<NDArray> maps,
            NDArray upstream) {
        ParameterStore ps = new ParameterStore(m, false);
        List<MaskedConv2d> convs = new ArrayList<>();
        stack.getChildren().values().forEach(b -> convs.add((MaskedConv2d) b));
        int skips = convs.size() - 2; // then hidden, logits
        List<float[]> out = new ArrayList<>();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.zeroGradients();
            NDArray sum = null;
            for (int k = 0; k < skips; k++) {
                NDArray h = maps.get(maps.size() - skips + k); // without skip connections: the last
                NDArray s = convs.get(k).apply(ps, h.getNDArrayInternal().relu(), true);
                sum = sum == null ? s : sum.add(s);
            }
            NDArray t = convs.get(skips).apply(ps, sum.getNDArrayInternal().relu(), true);
            NDArray y = convs.get(skips + 1).apply(ps, t.getNDArrayInternal().relu(), true);
            out.add(y.toFloatArray());
            gc.backward(y.mul(upstream).sum());
        }
        for (Pair<String, Parameter> p : stack.getParameters()) {
            out.add(p.getValue().getArray().getGradient().toFloatArray());
        }
        return out;
    }

    private static void check(MaskedConv2d layer, int in) {
        try (NDManager m = NDManager.newBaseManager()) {
            layer.initialize(m, DataType.FLOAT32, new Shape(N, in, H, W));
            Rng rng = new Rng(in * 13L + layer.outChannels());
            NDArray x = random(m, new Shape(N, in, H, W), rng);
            NDArray upstream = random(m, new Shape(N, layer.outChannels(), H, W), rng);
            List<float[]> a = outputAndGradients(m, layer, Layout.CHANNELS_FIRST, x, upstream);
            List<float[]> b = outputAndGradients(m, layer, Layout.CHANNELS_LAST, x, upstream);
            assertClose(a, b, layer.toString());
        }
    }

    /** The output (channels-first), the input's gradient, then every parameter's gradient. */
    private static List<float[]> outputAndGradients(NDManager m, MaskedConv2d layer, Layout layout, NDArray x,
            NDArray upstream) {
        ParameterStore ps = new ParameterStore(m, false);
        NDArray input = x.duplicate();
        input.setRequiresGradient(true);
        List<float[]> out = new ArrayList<>();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.zeroGradients();
            NDArray y = layout.toChannelsFirst(layer.apply(ps, layout.fromChannelsFirst(input), layout, true));
            assertEquals(upstream.getShape(), y.getShape());
            out.add(y.toFloatArray());
            gc.backward(y.mul(upstream).sum());
        }
        out.add(input.getGradient().toFloatArray());
        for (Pair<String, Parameter> p : layer.getParameters()) {
            out.add(p.getValue().getArray().getGradient().toFloatArray());
        }
        return out;
    }

    private static NDArray random(NDManager m, Shape shape, Rng rng) {
        float[] v = new float[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextDouble() * 2 - 1;
        }
        return m.create(v, shape);
    }

    private static void assertClose(List<float[]> a, List<float[]> b, String what) {
        assertEquals(a.size(), b.size());
        for (int k = 0; k < a.size(); k++) {
            assertEquals(a.get(k).length, b.get(k).length);
            for (int i = 0; i < a.get(k).length; i++) {
                float x = a.get(k)[i];
                float y = b.get(k)[i];
                assertEquals(x, y, 1e-4f * (1 + Math.abs(x)),
                        what + ": array " + k + " (0 = output) differs at " + i);
            }
        }
    }
}
