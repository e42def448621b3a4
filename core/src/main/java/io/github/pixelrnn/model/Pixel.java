package io.github.pixelrnn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * One pixel of n images as a decoder hands it to a network: its values scaled to [-1, 1]
 * (n × C, image-major) and the scope its temporaries live on. The array is made on first use,
 * so a network that only reads the values (the row-RNN) costs no engine call.
 */
final class Pixel {
    private final float[] values;
    private final int n;
    private final int channels;
    private final NDManager scope;
    private NDArray array;

    Pixel(float[] values, int n, int channels, NDManager scope) {
        this.values = values;
        this.n = n;
        this.channels = channels;
        this.scope = scope;
    }

    /** n × C scaled values; do not modify. */
    float[] values() {
        return values;
    }

    /** The values as an (N, C) array on {@link #scope()}. */
    NDArray array() {
        if (array == null) {
            array = scope.create(values, new Shape(n, channels));
        }
        return array;
    }

    /** The manager of this pixel's temporaries. */
    NDManager scope() {
        return scope;
    }
}
