/**
 * Lossless image compression with a model (paper, Section 5; docs/compression.md): an
 * arithmetic coder of our own driven by the probabilities of the incremental decoder, quantised
 * deterministically, and a versioned file that identifies the model and carries a checksum of
 * the pixels.
 */
package io.github.pixelrnn.codec;
