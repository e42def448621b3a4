package io.github.pixelrnn.spark;

import io.github.pixelrnn.PixelRnn;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.model.ModelConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The models of this JVM: each checkpoint (URI and weights) is loaded once, on first use, and
 * then shared by every task the JVM runs, concurrent ones included; never loaded per row or per
 * partition. A model stays loaded until the JVM exits.
 *
 * <p>Sharing is safe because inference only reads the parameters; the few tensors a layer builds
 * lazily (its masks) are built by one warm-up pass while the model is loaded, before any task
 * sees it.
 */
final class ExecutorModels {
    private static final Map<String, PixelRnn> MODELS = new HashMap<>();
    private static int loads;

    private ExecutorModels() {
    }

    /**
     * The model of {@code source}, loaded now if this JVM has not loaded it yet.
     *
     * @param hadoop the driver's Hadoop settings for a Hadoop URI, or null
     */
    static synchronized PixelRnn get(ModelSource source, HadoopSettings hadoop) {
        PixelRnn m = MODELS.get(source.key());
        if (m == null) {
            Configuration conf = hadoop == null ? new Configuration() : hadoop.configuration();
            m = PixelRnn.load(LocalCheckpoints.of(source, conf), source.weights());
            warmUp(m);
            MODELS.put(source.key(), m);
            loads++;
        }
        return m;
    }

    /** How many models this JVM has loaded (tests: once per checkpoint, not per task). */
    static synchronized int loads() {
        return loads;
    }

    /** One pass over a blank image, which builds the tensors the layers make on first use. */
    private static void warmUp(PixelRnn m) {
        ModelConfig c = m.config();
        m.logLikelihood(new ImageSet(new byte[c.dims()], 1, c.channels(), c.height(), c.width(), c.levels(), null));
    }
}
