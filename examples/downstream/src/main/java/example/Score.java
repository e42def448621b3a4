package example;

import io.github.pixelrnn.PixelRnn;
import io.github.pixelrnn.data.ImageSet;

/** Loads a pretrained model, draws four digits and measures their exact log-likelihood. */
public final class Score {
    public static void main(String[] args) {
        try (PixelRnn model = PixelRnn.pretrained("pixelcnn-mnist")) {
            ImageSet digits = model.sample(4, 42);
            double[] logp = model.logLikelihood(digits);
            for (int i = 0; i < logp.length; i++) {
                System.out.printf("digit %d: log p(x) = %.2f nats%n", i, logp[i]);
            }
        }
    }
}
