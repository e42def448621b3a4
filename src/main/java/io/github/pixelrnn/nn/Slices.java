package io.github.pixelrnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * A view of a range along one axis ({@code torch.narrow}). DJL's {@code get(NDIndex)} slices
 * every axis, so {@code x[:, :, :H]} costs three slice operations forward and three
 * zero-fill-and-copy operations backward; this is one of each. {@link #every} is the strided
 * counterpart.
 */
public final class Slices {
    private Slices() {
    }

    /** {@code x} restricted to indices [start, stop) along {@code axis}; a view, differentiable. */
    public static NDArray narrow(NDArray x, int axis, long start, long stop) {
        if (x instanceof PtNDArray pt) {
            return JniUtils.slice(pt, axis, start, stop, 1);
        }
        StringBuilder spec = new StringBuilder();
        for (int i = 0; i < axis; i++) {
            spec.append(":, ");
        }
        return x.get(new NDIndex(spec + "{}:{}", start, stop));
    }

    /** Every {@code step}-th index along {@code axis}, from 0 ({@code x[..., ::step]}); a view, differentiable. */
    public static NDArray every(NDArray x, int axis, long step) {
        long size = x.getShape().get(axis);
        if (x instanceof PtNDArray pt) {
            return JniUtils.slice(pt, axis, 0, size, step);
        }
        StringBuilder spec = new StringBuilder();
        for (int i = 0; i < axis; i++) {
            spec.append(":, ");
        }
        return x.get(new NDIndex(spec + "::{}", step));
    }
}
