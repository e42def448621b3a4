/**
 * Networks and their likelihood: {@link io.github.pixelrnn.model.PixelModel} wraps the network its {@link io.github.pixelrnn.model.NetworkConfig} builds with its output distribution (Bernoulli or 256-way softmax, Section 2.2); {@link io.github.pixelrnn.model.ModelConfig} is the immutable configuration saved in every checkpoint; {@link io.github.pixelrnn.model.Presets} names the paper's configurations.
 */
package io.github.pixelrnn.model;
