package io.github.pixelrnn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.github.pixelrnn.nn.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Polyak averaging of the weights: an exponential moving average updated after every step,
 * a ← a + (1 − d_t)·(w − a), which PixelCNN++ evaluates and samples with (decay 0.9995; Salimans
 * et al. 2017). The decay starts low, d_t = min(d, (1 + t)/(10 + t)) after t updates, so that a
 * short run's average is not dominated by the initial weights (TensorFlow's
 * {@code ExponentialMovingAverage} with {@code num_updates}). The averages live on the model's
 * manager; a checkpoint saves them ({@link #state}) next to the raw weights, which training
 * continues from.
 */
public final class WeightAverage {
    private final NDManager manager;
    private final double decay;
    private final List<NDArray> average = new ArrayList<>();
    private long updates;

    public WeightAverage(NDManager manager, double decay) {
        this.manager = manager;
        this.decay = decay;
    }

    /** The decay used at the next update. */
    double currentDecay() {
        return Math.min(decay, (1.0 + updates) / (10.0 + updates));
    }

    /** Folds the current weights into the average (call after each optimizer step). */
    public void update(List<Parameter> params) {
        if (average.isEmpty()) {
            for (Parameter p : params) {
                average.add(p.getArray().duplicate());
            }
            for (NDArray a : average) {
                a.attach(manager);
            }
        }
        float keep = (float) currentDecay();
        updates++;
        for (int i = 0; i < params.size(); i++) {
            NDArray w = params.get(i).getArray();
            NDArray a = average.get(i);
            try (NDArray d = w.sub(a)) { // no gradient is recorded outside a collector
                a.addi(d.muli(1f - keep));
            }
        }
    }

    /** The number of updates so far, then the averages in parameter order. */
    public NDList state() {
        NDList list = new NDList();
        list.add(manager.create(new long[] {updates}));
        list.addAll(average);
        return list;
    }

    /** Restores what {@link #state()} returned (it takes over the arrays). */
    public void loadState(NDList state) {
        updates = state.get(0).toLongArray()[0];
        average.clear();
        for (int i = 1; i < state.size(); i++) {
            NDArray a = state.get(i);
            a.attach(manager);
            average.add(a);
        }
    }

    /** Puts the averaged weights in the model's parameters for good (the raw ones before the first update). */
    public void copyInto(List<Parameter> params) {
        if (!average.isEmpty()) {
            Parameters.copyInto(params, average);
        }
    }

    /**
     * Runs {@code body} with the averaged weights in the model's parameters and puts the raw
     * weights back afterwards, also when {@code body} throws. Before the first update it runs
     * with the raw weights.
     */
    public <T> T withAveraged(List<Parameter> params, Supplier<T> body) {
        if (average.isEmpty()) {
            return body.get();
        }
        try (NDManager scope = manager.newSubManager()) {
            List<NDArray> raw = new ArrayList<>();
            for (Parameter p : params) {
                NDArray copy = p.getArray().duplicate();
                copy.attach(scope);
                raw.add(copy);
            }
            Parameters.copyInto(params, average);
            try {
                return body.get();
            } finally {
                Parameters.copyInto(params, raw);
            }
        }
    }
}
