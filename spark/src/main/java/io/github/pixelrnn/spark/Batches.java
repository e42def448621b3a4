package io.github.pixelrnn.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * A partition's rows in batches: pulls up to {@code size} rows from the input, hands them to the
 * work function, and yields what it returns, one batch at a time, so a partition never has to
 * fit in memory and the model always sees full batches.
 *
 * @param <I> input rows
 * @param <O> output rows
 */
final class Batches<I, O> implements Iterator<O> {
    /** A batch of input rows and the index within the partition of its first row. */
    record Batch<I>(List<I> rows, long first) {
    }

    private final Iterator<I> input;
    private final int size;
    private final Function<Batch<I>, List<O>> work;
    private Iterator<O> current = Collections.emptyIterator();
    private long consumed;

    Batches(Iterator<I> input, int size, Function<Batch<I>, List<O>> work) {
        if (size <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + size);
        }
        this.input = input;
        this.size = size;
        this.work = work;
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext() && input.hasNext()) {
            List<I> rows = new ArrayList<>(size);
            while (rows.size() < size && input.hasNext()) {
                rows.add(input.next());
            }
            current = work.apply(new Batch<>(rows, consumed)).iterator();
            consumed += rows.size();
        }
        return current.hasNext();
    }

    @Override
    public O next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }
}
