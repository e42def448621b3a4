package io.github.pixelrnn.codec;

import java.io.ByteArrayOutputStream;

/**
 * A binary arithmetic coder with integer frequencies (Witten, Neal and Cleary 1987, "Arithmetic
 * coding for data compression"): 32-bit code values, a symbol's interval given as the integer
 * cumulative frequencies [low, high) out of a total of at most 2^{@value #MAX_TOTAL_BITS}.
 * Each symbol costs −log2(freq / total) bits plus a rounding loss far below 0.1% for totals
 * of 2^16; ending a stream costs at most two bits and the padding to a byte.
 *
 * <p>Everything is integer arithmetic on longs, so the same frequencies give the same bits on
 * every machine.
 */
public final class ArithmeticEncoder {
    static final int CODE_BITS = 32;
    static final long TOP = (1L << CODE_BITS) - 1;
    static final long HALF = 1L << (CODE_BITS - 1);
    static final long QUARTER = 1L << (CODE_BITS - 2);
    /** The largest total frequency the interval arithmetic keeps exact (range ≥ a quarter). */
    public static final int MAX_TOTAL_BITS = CODE_BITS - 2;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long low;
    private long high = TOP;
    private long pending;
    private int buffer;
    private int bitsInBuffer;
    private long symbols;
    private boolean finished;

    /**
     * Codes one symbol whose interval is [cumLow, cumHigh) of {@code total}.
     *
     * @throws IllegalArgumentException for an empty interval or a total out of range
     */
    public void encode(long cumLow, long cumHigh, long total) {
        if (finished) {
            throw new IllegalStateException("the stream is finished");
        }
        check(cumLow, cumHigh, total);
        long range = high - low + 1;
        high = low + range * cumHigh / total - 1;
        low = low + range * cumLow / total;
        while (true) {
            if (high < HALF) {
                emit(0);
            } else if (low >= HALF) {
                emit(1);
                low -= HALF;
                high -= HALF;
            } else if (low >= QUARTER && high < HALF + QUARTER) {
                pending++;
                low -= QUARTER;
                high -= QUARTER;
            } else {
                break;
            }
            low = low << 1;
            high = (high << 1) | 1;
        }
        symbols++;
    }

    static void check(long cumLow, long cumHigh, long total) {
        if (total <= 0 || total > (1L << MAX_TOTAL_BITS)) {
            throw new IllegalArgumentException("total frequency " + total + " is out of 1..2^" + MAX_TOTAL_BITS);
        }
        if (cumLow < 0 || cumHigh <= cumLow || cumHigh > total) {
            throw new IllegalArgumentException("bad symbol interval [" + cumLow + ", " + cumHigh + ") of " + total);
        }
    }

    /** The symbols coded so far. */
    public long symbols() {
        return symbols;
    }

    /**
     * Ends the stream: two more bits (and the pending ones) pin a value inside the last
     * interval, then zero bits fill the last byte. The decoder reads zeros past the end.
     *
     * @return the coded bytes
     */
    public byte[] finish() {
        if (!finished) {
            finished = true;
            pending++;
            emit(low < QUARTER ? 0 : 1);
            if (bitsInBuffer > 0) {
                out.write(buffer << (8 - bitsInBuffer));
                buffer = 0;
                bitsInBuffer = 0;
            }
        }
        return out.toByteArray();
    }

    /** The bit, then the pending bits that follow it, which are its opposite. */
    private void emit(int bit) {
        put(bit);
        for (; pending > 0; pending--) {
            put(bit ^ 1);
        }
    }

    private void put(int bit) {
        buffer = (buffer << 1) | bit;
        if (++bitsInBuffer == 8) {
            out.write(buffer);
            buffer = 0;
            bitsInBuffer = 0;
        }
    }
}
