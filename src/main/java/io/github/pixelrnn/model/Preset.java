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
 */
public record Preset(String name, String description, ModelConfig model, String dataset,
        int batchSize, double learningRate) {
}
