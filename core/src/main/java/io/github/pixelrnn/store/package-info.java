/**
 * What a model is kept as, for training and inference alike: the {@link io.github.pixelrnn.store.Checkpoint}
 * directory (written atomically; its configuration, weights, moving average and training state), the stored
 * training settings ({@link io.github.pixelrnn.store.TrainConfig}), the {@link io.github.pixelrnn.store.Provenance}
 * of every checkpoint, the shipped {@link io.github.pixelrnn.store.Pretrained} models and the layout of a run
 * directory. It depends on the model and data packages only; training and every inference command use it.
 */
package io.github.pixelrnn.store;
