package io.github.pixelrnn.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** AUROC, AUPRC and FPR at 95% TPR against hand-computed cases; OOD images are the positives. */
class RocTest {

    @Test
    void perfectAndReversedSeparation() {
        Roc.Result perfect = Roc.of(new double[] {1, 2, 3}, new double[] {4, 5});
        assertEquals(1.0, perfect.auroc());
        assertEquals(1.0, perfect.auprc());
        assertEquals(0.0, perfect.fprAt95Tpr());
        Roc.Result reversed = Roc.of(new double[] {4, 5}, new double[] {1, 2, 3});
        assertEquals(0.0, reversed.auroc());
        assertEquals(1.0, reversed.fprAt95Tpr(), "every negative is flagged before all positives are");
    }

    /**
     * in {1, 3, 5}, out {2, 4, 6}: pairs won 0+1+2... by hand: 2 beats 1; 4 beats 1, 3; 6 beats
     * all three: 6 of 9. Ranked 6+, 5-, 4+, 3-, 2+, 1-: AP = 1/3·(1/1 + 2/3 + 3/5).
     * TPR ≥ 0.95 needs all three positives (threshold 2): FPR 2/3.
     */
    @Test
    void interleavedScores() {
        Roc.Result r = Roc.of(new double[] {1, 3, 5}, new double[] {2, 4, 6});
        assertEquals(6.0 / 9, r.auroc(), 1e-12);
        assertEquals((1.0 + 2.0 / 3 + 3.0 / 5) / 3, r.auprc(), 1e-12);
        assertEquals(2.0 / 3, r.fprAt95Tpr(), 1e-12);
    }

    /**
     * Ties: in {1, 2, 2}, out {2, 3}. AUROC: 3 beats all three (3); 2 beats 1 (1) and ties two
     * (2 × ½): 5 of 6. Thresholds: 3 → tp 1 fp 0, precision 1; 2 → tp 2 fp 2, precision ½;
     * AP = ½·1 + ½·½ = 0.75. TPR reaches 1 at threshold 2, where FPR is 2/3.
     */
    @Test
    void tiesCountOneHalfAndFormOneThreshold() {
        Roc.Result r = Roc.of(new double[] {1, 2, 2}, new double[] {2, 3});
        assertEquals(5.0 / 6, r.auroc(), 1e-12);
        assertEquals(0.75, r.auprc(), 1e-12);
        assertEquals(2.0 / 3, r.fprAt95Tpr(), 1e-12);
        Roc.Result allTied = Roc.of(new double[] {7, 7}, new double[] {7, 7, 7});
        assertEquals(0.5, allTied.auroc(), 1e-12);
        assertEquals(0.6, allTied.auprc(), 1e-12, "the positive rate");
        assertEquals(1.0, allTied.fprAt95Tpr(), 1e-12);
    }

    /** 95% of 20 positives is 19: the threshold of the 19th-ranked positive. */
    @Test
    void fprAtNinetyFivePercentTprCountsPositives() {
        double[] out = new double[20];
        for (int i = 0; i < 20; i++) {
            out[i] = 100 + i; // positives 100..119
        }
        out[0] = 0.5; // one positive below every negative
        double[] in = {1, 2, 3, 4}; // negatives all below the other 19 positives
        assertEquals(0.0, Roc.of(in, out).fprAt95Tpr(), 1e-12);
        out[1] = 1.5; // now 18 positives above the negatives: 19 needs threshold 1.5, FPR 3/4
        assertEquals(0.75, Roc.of(in, out).fprAt95Tpr(), 1e-12);
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> Roc.of(new double[0], new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Roc.of(new double[] {Double.NaN}, new double[] {1}));
    }
}
