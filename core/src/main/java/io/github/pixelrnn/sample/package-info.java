/**
 * Sequential sampling (Section 2): one loop over a partially known canvas serves generation
 * (nothing known) and completion (the top known); it walks a {@link io.github.pixelrnn.model.Decoder},
 * cached ({@link io.github.pixelrnn.model.PixelModel#decoder}) or re-running
 * ({@link io.github.pixelrnn.sample.Recompute}), as the {@link io.github.pixelrnn.sample.Strategy} says.
 */
package io.github.pixelrnn.sample;
