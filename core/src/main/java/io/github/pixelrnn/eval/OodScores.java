package io.github.pixelrnn.eval;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.model.PixelModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Out-of-distribution scores of images under a model trained on the in-distribution data
 * (docs/ood.md). Every score is oriented so that <b>higher means more likely out of
 * distribution</b>:
 *
 * <ul>
 *   <li>{@code nll}: −log p(x) in bits per dimension, the raw likelihood, whose failure on
 *       Fashion-MNIST → MNIST is the known one (Nalisnick et al. 2019, arXiv 1810.09136);
 *   <li>{@code S(codec)}: the input-complexity score of Serrà et al. 2020, −log2 p(x) − L(x), both
 *       in bits per image, with L(x) from {@link Complexity};
 *   <li>{@code -LLR}: minus the likelihood ratio of Ren et al. 2019 (arXiv 1906.02845),
 *       −(log p_fg(x) − log p_bg(x)), in nats per image, with a background model trained on
 *       perturbed inputs ({@code train --perturb}).
 * </ul>
 */
public final class OodScores {
    /** The named scores of every image of one set, in a fixed order. */
    public record Scores(Map<String, double[]> byName, double[] nllNats, double[] backgroundNllNats,
            Map<String, double[]> complexityBits) {
    }

    private OodScores() {
    }

    /**
     * @param background the background model, or null for no likelihood ratio
     * @param codecs the compressors of the complexity scores
     * @param images in the model's levels and size
     */
    public static Scores of(PixelModel model, PixelModel background, List<Complexity.Codec> codecs, ImageSet images,
            int threads, String label) {
        ModelConfig c = model.config();
        EvalData.checkFits(images, c, "the images");
        if (background != null) {
            checkSameSpace(c, background.config());
        }
        int dims = c.dims();
        double[] nll = Evaluator.evaluate(model, images, 256, label == null ? null : label + " NLL").perImage();
        Map<String, double[]> scores = new LinkedHashMap<>();
        double[] bpd = new double[nll.length];
        for (int i = 0; i < nll.length; i++) {
            bpd[i] = Nll.bitsPerDim(nll[i], dims);
        }
        scores.put("nll", bpd);
        Map<String, double[]> lengths = new LinkedHashMap<>();
        for (Complexity.Codec codec : codecs) {
            double[] l = Complexity.bits(images, codec, threads);
            double[] s = new double[nll.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = nll[i] / Math.log(2) - l[i];
            }
            lengths.put(codec.label(), l);
            scores.put("S(" + codec.label() + ")", s);
        }
        double[] bg = null;
        if (background != null) {
            bg = Evaluator.evaluate(background, images, 256, label == null ? null : label + " background NLL")
                    .perImage();
            double[] minusLlr = new double[nll.length];
            for (int i = 0; i < nll.length; i++) {
                minusLlr[i] = nll[i] - bg[i]; // −(log p_fg − log p_bg)
            }
            scores.put("-LLR", minusLlr);
        }
        return new Scores(scores, nll, bg, lengths);
    }

    /** AUROC, AUPRC and FPR at 95% TPR of every score, OOD images as the positives. */
    public static Map<String, Roc.Result> compare(Scores in, Scores out) {
        Map<String, Roc.Result> results = new LinkedHashMap<>();
        for (String name : in.byName().keySet()) {
            results.put(name, Roc.of(in.byName().get(name), out.byName().get(name)));
        }
        return results;
    }

    /** A one-line error unless the background model codes the same images as the foreground one. */
    public static void checkSameSpace(ModelConfig fg, ModelConfig bg) {
        if (fg.channels() != bg.channels() || fg.height() != bg.height() || fg.width() != bg.width()
                || fg.levels() != bg.levels()) {
            throw new UserError("the background model codes " + bg.channels() + "x" + bg.height() + "x" + bg.width()
                    + " images with " + bg.levels() + " levels, the model " + fg.channels() + "x" + fg.height() + "x"
                    + fg.width() + " with " + fg.levels() + "; train both on the same kind of images");
        }
    }

    /** The names of the scores, in order, for a run with these settings. */
    public static List<String> names(List<Complexity.Codec> codecs, boolean background) {
        List<String> names = new ArrayList<>();
        names.add("nll");
        for (Complexity.Codec c : codecs) {
            names.add("S(" + c.label() + ")");
        }
        if (background) {
            names.add("-LLR");
        }
        return names;
    }
}
