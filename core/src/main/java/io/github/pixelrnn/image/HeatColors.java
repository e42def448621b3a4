package io.github.pixelrnn.image;

/**
 * The colour ramp of heat maps: black, red, yellow, white ("hot"), which stays readable when
 * printed in grey because brightness rises monotonically.
 */
public final class HeatColors {
    private HeatColors() {
    }

    /** The 0xRRGGBB colour of {@code t} in [0, 1] (clamped; NaN is black). */
    public static int rgb(double t) {
        if (!(t > 0)) {
            return 0;
        }
        double u = Math.min(1, t) * 3;
        double r = Math.min(1, u);
        double g = Math.max(0, Math.min(1, u - 1));
        double b = Math.max(0, Math.min(1, u - 2));
        return (to8(r) << 16) | (to8(g) << 8) | to8(b);
    }

    private static int to8(double v) {
        return (int) Math.round(v * 255);
    }
}
