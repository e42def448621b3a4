/**
 * Sequential sampling (Section 2): one loop over a partially known canvas serves generation (nothing known) and completion (the top known); a {@link io.github.pixelrnn.sample.SamplingStrategy} supplies the next sub-pixel's distribution.
 */
package io.github.pixelrnn.sample;
