package io.github.pixelrnn.util;

/**
 * A small, fast, serialisable random number generator (SplitMix64).
 *
 * <p>Everything random on the host side (data order, stochastic binarization, sampling) draws
 * from one of these so that a run can be checkpointed and resumed bit for bit: the whole state
 * is one {@code long}, see {@link #state()} and {@link #Rng(long)}.
 */
public final class Rng {
    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    /** The whole state; {@code new Rng(r.state())} continues exactly where {@code r} is. */
    public long state() {
        return state;
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        return (int) Math.floorMod(nextLong(), (long) bound);
    }

    /** Fisher-Yates shuffle of {@code a} in place. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** A generator derived from this one's seed and a stream id, independent of its use. */
    public static Rng derive(long seed, long stream) {
        Rng r = new Rng(seed ^ (0x632BE59BD9B4E019L * (stream + 1)));
        r.nextLong();
        return r;
    }
}
