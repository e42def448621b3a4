package io.github.pixelrnn.eval;

import java.util.Arrays;

/**
 * How well a score separates out-of-distribution images (the positives) from in-distribution
 * ones: higher scores are meant to flag OOD images. Ties are handled exactly: tied scores form
 * one threshold, never an arbitrary order.
 *
 * <ul>
 *   <li>AUROC: the probability that a random positive scores above a random negative, ties
 *       counting one half (the Mann–Whitney U statistic over n⁺·n⁻).
 *   <li>AUPRC: average precision, Σ over distinct thresholds of (recall gain) × precision at
 *       that threshold (scikit-learn's {@code average_precision_score}).
 *   <li>FPR at 95% TPR: the false-positive rate at the highest threshold that flags at least
 *       95% of the positives.
 * </ul>
 */
public final class Roc {
    /** The three figures for one score. */
    public record Result(double auroc, double auprc, double fprAt95Tpr) {
    }

    private Roc() {
    }

    /**
     * @param inDistribution scores of the in-distribution images (negatives)
     * @param outOfDistribution scores of the OOD images (positives)
     */
    public static Result of(double[] inDistribution, double[] outOfDistribution) {
        int nNeg = inDistribution.length;
        int nPos = outOfDistribution.length;
        if (nNeg == 0 || nPos == 0) {
            throw new IllegalArgumentException("both sets need at least one score");
        }
        for (double[] set : new double[][] {inDistribution, outOfDistribution}) {
            for (double v : set) {
                if (Double.isNaN(v)) {
                    throw new IllegalArgumentException("a score is NaN");
                }
            }
        }
        // All scores, highest first; positives marked.
        int n = nNeg + nPos;
        double[] score = new double[n];
        boolean[] positive = new boolean[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < nNeg; i++) {
            score[i] = inDistribution[i];
        }
        for (int i = 0; i < nPos; i++) {
            score[nNeg + i] = outOfDistribution[i];
            positive[nNeg + i] = true;
        }
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        double auc = 0; // Σ over groups of tied scores: negatives below × positives in the group, ties ½
        double ap = 0;
        double fpr95 = Double.NaN;
        long tp = 0;
        long fp = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            long groupPos = 0;
            long groupNeg = 0;
            while (j < n && score[order[j]] == score[order[i]]) {
                if (positive[order[j]]) {
                    groupPos++;
                } else {
                    groupNeg++;
                }
                j++;
            }
            // positives of this group beat every negative not yet passed, and tie with this group's
            auc += groupPos * (nNeg - fp - groupNeg) + 0.5 * groupPos * groupNeg;
            tp += groupPos;
            fp += groupNeg;
            if (groupPos > 0) {
                ap += (double) groupPos / nPos * tp / (tp + fp);
            }
            if (Double.isNaN(fpr95) && tp >= Math.ceil(0.95 * nPos - 1e-9)) {
                fpr95 = (double) fp / nNeg;
            }
            i = j;
        }
        return new Result(auc / ((double) nPos * nNeg), ap, fpr95);
    }
}
