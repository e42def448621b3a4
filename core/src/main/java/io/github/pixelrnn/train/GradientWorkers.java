package io.github.pixelrnn.train;

import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Threads that each compute the gradient of a share of a batch, at the same time: data
 * parallelism inside one process, over one copy of the parameters.
 *
 * <p>Why: a recurrent layer's step is a chain of small operations (a Diagonal BiLSTM column
 * at batch 16 is 14 of them on arrays of 14,000 to 57,000 floats). libtorch splits such an
 * operation between its intra-op threads, and the hand-over costs more than it saves: one
 * column of the scan measured 430–660 µs with two intra-op threads against 270 µs with one.
 * So each worker runs its share with one intra-op thread, and the two cores each run a whole
 * share instead of half of every operation. docs/speed.md has the figures.
 *
 * <p>Each worker's backward pass accumulates into the parameters' gradients; libtorch
 * serialises the accumulation into one leaf, and each worker's graph adds to each parameter's
 * gradient once, so the sum does not depend on which worker finishes first (a + b = b + a in
 * floating point): a run is as reproducible with workers as without, for a given number of
 * them.
 */
final class GradientWorkers implements AutoCloseable {
    private final ExecutorService pool;
    private final int count;

    GradientWorkers(int count) {
        this.count = count;
        this.pool = Executors.newFixedThreadPool(count, task -> {
            Thread t = new Thread(() -> {
                // libtorch's intra-op thread count is per calling thread (OpenMP): this worker's only.
                JniUtils.setNumThreads(1);
                task.run();
            }, "pixelrnn-gradient");
            t.setDaemon(true);
            return t;
        });
    }

    int count() {
        return count;
    }

    /** Runs the tasks, one per worker, and returns their results in the tasks' order. */
    <T> List<T> run(List<Callable<T>> tasks) {
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        for (Callable<T> t : tasks) {
            futures.add(pool.submit(t));
        }
        List<T> results = new ArrayList<>(tasks.size());
        RuntimeException failure = null;
        for (Future<T> f : futures) {
            try {
                results.add(f.get()); // every task is waited for, even after one failed
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while computing gradients", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
