package io.github.pixelrnn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma and Ba, 2015, Algorithm 1) with bias correction:
 * m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; w ← w − lr·m̂ / (√v̂ + ε).
 */
public final class Adam implements Optimizer {
    private final NDManager manager;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final List<NDArray> m = new ArrayList<>();
    private final List<NDArray> v = new ArrayList<>();
    private long t;

    public Adam(NDManager manager, double beta1, double beta2, double eps) {
        this.manager = manager;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
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
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2 = 1 - Math.pow(beta2, t);
        float stepSize = (float) (lr / bc1);
        float sqrtBc2 = (float) Math.sqrt(bc2);
        for (int i = 0; i < params.size(); i++) {
            NDArray w = params.get(i).getArray();
            try (NDManager tmp = manager.newSubManager()) {
                NDArray g = w.getGradient();
                tmp.tempAttachAll(g);
                NDArray mi = m.get(i);
                NDArray vi = v.get(i);
                NDArray g1 = g.mul((float) (1 - beta1));
                tmp.tempAttachAll(g1);
                mi.muli((float) beta1).addi(g1);
                NDArray g2 = g.square();
                tmp.tempAttachAll(g2);
                vi.muli((float) beta2).addi(g2.muli((float) (1 - beta2)));
                NDArray denom = vi.sqrt();
                tmp.tempAttachAll(denom);
                denom.divi(sqrtBc2).addi((float) eps);
                NDArray update = mi.div(denom);
                tmp.tempAttachAll(update);
                w.subi(update.muli(stepSize));
                Optimizer.zero(g);
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
