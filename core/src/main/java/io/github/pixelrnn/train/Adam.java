package io.github.pixelrnn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma and Ba, 2015, Algorithm 1) with bias correction:
 * m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; w ← w − lr_t·m / (√v + ε) with
 * lr_t = lr·√(1−β2^t)/(1−β1^t), the efficient form given at the end of the paper's Section 2.
 */
public final class Adam implements Optimizer {
    private final NDManager manager;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final List<NDArray> m = new ArrayList<>();
    private final List<NDArray> v = new ArrayList<>();
    private long t;

    public Adam(NDManager manager, double beta1, double beta2, double eps) {
        this(manager, beta1, beta2, eps, 0);
    }

    /** @param weightDecay λ of an L2 penalty: the gradient g becomes g + λ·w (0: none) */
    public Adam(NDManager manager, double beta1, double beta2, double eps, double weightDecay) {
        this.manager = manager;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    @Override
    public void step(List<Parameter> params, double lr) {
        if (m.isEmpty()) {
            for (Parameter p : params) {
                m.add(manager.zeros(p.getArray().getShape()));
                v.add(manager.zeros(p.getArray().getShape()));
            }
        }
        t++;
        float bc1 = (float) (1 - Math.pow(beta1, t));
        float bc2 = (float) (1 - Math.pow(beta2, t));
        // The bias corrections folded into the step size, as in Algorithm 1's last lines
        // ("ε̂" form): w ← w − lr·√(1−β2^t)/(1−β1^t) · m / (√v + ε).
        float stepSize = (float) (lr * Math.sqrt(bc2) / bc1);
        for (int i = 0; i < params.size(); i++) {
            NDArray w = params.get(i).getArray();
            try (NDArray g = w.getGradient()) {
                // One fused libtorch call per parameter updates w, m and v in place and zeroes
                // the gradient: ~15 separate element-wise calls per parameter otherwise.
                w.getNDArrayInternal().adamUpdate(new NDList(w, g, m.get(i), v.get(i)), new NDList(w),
                        (float) lr, stepSize, (float) weightDecay, 1f, -1f, (float) beta1, (float) beta2, (float) eps, false, false);
            }
        }
    }

    @Override
    public NDList state() {
        NDList list = new NDList();
        list.add(manager.create(new long[] {t}));
        list.addAll(m);
        list.addAll(v);
        return list;
    }

    @Override
    public void loadState(NDList state) {
        t = state.get(0).toLongArray()[0];
        int n = (state.size() - 1) / 2;
        m.clear();
        v.clear();
        for (int i = 0; i < n; i++) {
            NDArray a = state.get(1 + i);
            NDArray b = state.get(1 + n + i);
            a.attach(manager);
            b.attach(manager);
            m.add(a);
            v.add(b);
        }
    }

    @Override
    public String name() {
        return "adam";
    }
}
