/**
 * Small helpers with no model knowledge: a serialisable random number generator and a progress bar.
 */
package io.github.pixelrnn.util;
