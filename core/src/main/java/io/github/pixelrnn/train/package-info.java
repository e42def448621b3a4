/**
 * Maximum-likelihood training (Section 5.1): the training loop, optimizers with checkpointable state (Adam, RMSProp), gradient clipping, learning-rate schedules, and atomic checkpoints.
 */
package io.github.pixelrnn.train;
