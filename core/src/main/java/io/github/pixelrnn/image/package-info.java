/**
 * Pictures of images: {@link io.github.pixelrnn.image.Grid} composes rows of tiles (images,
 * images with unknown pixels marked, heat maps), {@link io.github.pixelrnn.image.Png} writes PNG
 * files atomically, {@link io.github.pixelrnn.image.HeatColors} is the heat-map colour ramp.
 */
package io.github.pixelrnn.image;
