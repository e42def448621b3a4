/**
 * Maximum-likelihood training (Section 5.1): the training loop, one step's gradient over worker threads,
 * optimizers with checkpointable state (Adam, RMSProp), gradient clipping, learning-rate schedules and the
 * weights' moving average. Models are saved and loaded through {@code io.github.pixelrnn.store}, which
 * inference uses without this package.
 */
package io.github.pixelrnn.train;
