package io.github.pixelrnn.model;

/**
 * A named configuration that reproduces a model of a paper, with the data set and training
 * settings it was meant for.
 *
 * @param name e.g. {@code pixelcnn-mnist}
 * @param description one line: what it is and where it comes from
 * @param model the network
 * @param dataset data set name understood by {@code data.Datasets}
 * @param batchSize the paper's batch size
 * @param learningRate a learning rate that works for this preset
 * @param paperResult what the paper (or the write-up it comes from) reports for this model, e.g.
 *     {@code "81.30 nats/image"}; null when it reports none
 */
public record Preset(String name, String description, ModelConfig model, String dataset,
        int batchSize, double learningRate, String paperResult) {

    /** A preset without a published figure. */
    public Preset(String name, String description, ModelConfig model, String dataset, int batchSize,
            double learningRate) {
        this(name, description, model, dataset, batchSize, learningRate, null);
    }
}
