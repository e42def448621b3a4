package io.github.pixelrnn.spark;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.store.Checkpoint;
import io.github.pixelrnn.store.Pretrained;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where a model comes from: a checkpoint directory (or a run directory holding
 * {@code checkpoint/}) on the local file system or on any Hadoop file system
 * ({@code hdfs://}, {@code s3a://}, {@code gs://}, ...), or a pretrained model
 * ({@code pretrained:pixelcnn-mnist}), with the weights to load. Shipped to executors inside the
 * task closures.
 *
 * @param uri a local path, a Hadoop URI or {@code pretrained:NAME}
 * @param weights the averaged weights (the default) or the raw ones
 */
public record ModelSource(String uri, Checkpoint.Weights weights) implements Serializable {

    public ModelSource {
        if (uri == null || uri.isBlank()) {
            throw new UserError("give a checkpoint: a directory, a Hadoop URI or pretrained:NAME");
        }
        if (weights == null) {
            weights = Checkpoint.Weights.AVERAGED;
        }
    }

    /** The checkpoint at {@code uri} with its averaged weights (when it has them). */
    public static ModelSource of(String uri) {
        return new ModelSource(uri, Checkpoint.Weights.AVERAGED);
    }

    /** The same checkpoint with the raw weights the optimizer left. */
    public ModelSource rawWeights() {
        return new ModelSource(uri, Checkpoint.Weights.RAW);
    }

    /** Whether the model is read through Hadoop's file system API (any scheme but {@code file}). */
    public boolean onHadoop() {
        if (Pretrained.names(uri)) {
            return false;
        }
        try {
            String scheme = new URI(uri).getScheme();
            return scheme != null && scheme.length() > 1 && !scheme.equals("file");
        } catch (URISyntaxException e) {
            return false; // a local path with characters a URI does not allow
        }
    }

    /** The cache key of an executor's loaded models. */
    String key() {
        return weights + " " + uri;
    }

    @Override
    public String toString() {
        return uri + (weights == Checkpoint.Weights.RAW ? " (raw weights)" : "");
    }
}
