package io.github.pixelrnn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.github.pixelrnn.nn.Scope;
import java.util.ArrayList;
import java.util.List;

/**
 * RMSProp (Tieleman and Hinton, 2012), the optimizer of the PixelRNN paper (Section 5.1):
 * s ← ρ·s + (1−ρ)·g²; w ← w − lr·g / (√s + ε). DJL's PyTorch engine does not implement it.
 */
public final class RmsProp implements Optimizer {
    private final NDManager manager;
    private final double rho;
    private final double eps;
    private final double weightDecay;
    private final List<NDArray> s = new ArrayList<>();
    private long t;

    public RmsProp(NDManager manager, double rho, double eps) {
        this(manager, rho, eps, 0);
    }

    /** @param weightDecay λ of an L2 penalty: the gradient g becomes g + λ·w (0: none) */
    public RmsProp(NDManager manager, double rho, double eps, double weightDecay) {
        this.manager = manager;
        this.rho = rho;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    @Override
    public void step(List<Parameter> params, double lr) {
        if (s.isEmpty()) {
            for (Parameter p : params) {
                s.add(manager.zeros(p.getArray().getShape()));
            }
        }
        t++;
        for (int i = 0; i < params.size(); i++) {
            NDArray w = params.get(i).getArray();
            try (Scope update = Scope.open()) { // this parameter's temporaries, whichever manager holds them
                NDArray g = w.getGradient();
                if (weightDecay != 0) {
                    g.addi(w.mul((float) weightDecay)); // the L2 penalty's gradient λ·w
                }
                NDArray si = s.get(i);
                si.muli((float) rho).addi(g.square().muli((float) (1 - rho)));
                NDArray denom = si.sqrt().addi((float) eps);
                w.subi(g.div(denom).muli((float) lr));
                Optimizer.zero(g);
            }
        }
    }

    @Override
    public NDList state() {
        NDList list = new NDList();
        list.add(manager.create(new long[] {t}));
        list.addAll(s);
        return list;
    }

    @Override
    public void loadState(NDList state) {
        t = state.get(0).toLongArray()[0];
        s.clear();
        for (int i = 1; i < state.size(); i++) {
            NDArray a = state.get(i);
            a.attach(manager);
            s.add(a);
        }
    }

    @Override
    public String name() {
        return "rmsprop";
    }
}
