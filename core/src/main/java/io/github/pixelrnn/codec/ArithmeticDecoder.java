package io.github.pixelrnn.codec;

import static io.github.pixelrnn.codec.ArithmeticEncoder.HALF;
import static io.github.pixelrnn.codec.ArithmeticEncoder.QUARTER;
import static io.github.pixelrnn.codec.ArithmeticEncoder.TOP;

/**
 * The decoder of {@link ArithmeticEncoder}: given the same frequencies in the same order, it
 * recovers the symbols. Past the end of the data it reads zero bits, as the encoder assumed, but
 * never more than {@value ArithmeticEncoder#CODE_BITS} of them: a whole stream ends within that
 * look-ahead, so reading further means that the data ran out before the symbols did (a damaged
 * or lying file), and it throws instead of decoding zeros forever.
 */
public final class ArithmeticDecoder {
    private final byte[] data;
    private final int end;
    private final long limit; // bits that may be read: the data and a code value's worth of zeros
    private long position; // in bits
    private long low;
    private long high = TOP;
    private long value;

    /** Decodes {@code data[from, to)}. */
    public ArithmeticDecoder(byte[] data, int from, int to) {
        this.data = data;
        this.position = (long) from * 8;
        this.end = to;
        this.limit = (long) to * 8 + ArithmeticEncoder.CODE_BITS;
        for (int i = 0; i < ArithmeticEncoder.CODE_BITS; i++) {
            value = (value << 1) | bit();
        }
    }

    /** The cumulative frequency, in [0, total), that the next symbol's interval contains. */
    public long target(long total) {
        long range = high - low + 1;
        long t = ((value - low + 1) * total - 1) / range;
        if (t < 0 || t >= total) {
            throw new IllegalStateException("the coded value left the interval: corrupt data or other frequencies");
        }
        return t;
    }

    /** Consumes the symbol of interval [cumLow, cumHigh) of {@code total}, the one {@link #target} fell in. */
    public void consume(long cumLow, long cumHigh, long total) {
        ArithmeticEncoder.check(cumLow, cumHigh, total);
        long range = high - low + 1;
        high = low + range * cumHigh / total - 1;
        low = low + range * cumLow / total;
        while (true) {
            if (high < HALF) {
                // nothing to subtract
            } else if (low >= HALF) {
                low -= HALF;
                high -= HALF;
                value -= HALF;
            } else if (low >= QUARTER && high < HALF + QUARTER) {
                low -= QUARTER;
                high -= QUARTER;
                value -= QUARTER;
            } else {
                break;
            }
            low = low << 1;
            high = (high << 1) | 1;
            value = (value << 1) | bit();
        }
    }

    /** Bytes of data read so far (the last one possibly in part). */
    public long bytesRead() {
        return (position + 7) / 8;
    }

    private int bit() {
        if (position >= limit) {
            throw new IllegalStateException("the coded data ended before the symbols did");
        }
        long byteIndex = position >> 3;
        int b = byteIndex < end ? (data[(int) byteIndex] >> (7 - (int) (position & 7))) & 1 : 0;
        position++;
        return b;
    }
}
