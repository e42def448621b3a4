package io.github.pixelrnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;

/**
 * A view of a range along one axis ({@code torch.narrow}). DJL's {@code get(NDIndex)} slices
 * every axis, so {@code x[:, :, :H]} costs three slice operations forward and three
 * zero-fill-and-copy operations backward; this is one of each. {@link #every} is the strided
 * counterpart. {@link #at} and {@link #assign} serve the incremental decoders, which read and
 * write one position of their cached state per step.
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

    /**
     * {@code x[i]}, a view without the first axis, owned by {@code scope} (a step's manager, not
     * the manager of the cached state {@code x} lives on).
     */
    public static NDArray at(NDArray x, long i, NDManager scope) {
        if (x instanceof PtNDArray pt && scope instanceof PtNDManager ptScope) {
            return JniUtils.getItem(pt, new long[] {i}, ptScope);
        }
        NDArray v = x.get(i);
        v.attach(scope);
        return v;
    }

    /**
     * Copies {@code value} into the block of {@code target} that starts at {@code start} and has
     * the value's shape, in place ({@code target[start : start + shape] = value}).
     */
    public static void assign(NDArray target, long[] start, NDArray value) {
        Shape s = value.getShape();
        if (s.dimension() != start.length || target.getShape().dimension() != start.length) {
            throw new IllegalArgumentException("cannot place " + s + " in " + target.getShape());
        }
        long[] stop = new long[start.length];
        long[] step = new long[start.length];
        for (int d = 0; d < start.length; d++) {
            stop[d] = start[d] + s.get(d);
            step[d] = 1;
        }
        if (target instanceof PtNDArray t && value instanceof PtNDArray v) {
            JniUtils.indexSet(t, v, start, stop, step);
            return;
        }
        StringBuilder spec = new StringBuilder();
        for (int d = 0; d < start.length; d++) {
            spec.append(d == 0 ? "" : ", ").append(start[d]).append(':').append(stop[d]);
        }
        target.set(new NDIndex(spec.toString()), value);
    }
}
