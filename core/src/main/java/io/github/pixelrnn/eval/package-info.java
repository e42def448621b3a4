/**
 * Exact negative log-likelihood in nats per image and bits per dimension, defined once in {@link io.github.pixelrnn.eval.Nll} and used by training logs, evaluation and benchmarks.
 */
package io.github.pixelrnn.eval;
