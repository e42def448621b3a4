package io.github.pixelrnn.spark;

import ai.djl.pytorch.jni.JniUtils;
import org.apache.spark.TaskContext;

/**
 * libtorch's intra-op threads for the task running on the calling thread. An executor runs as
 * many tasks at once as it has cores ({@code spark.executor.cores / spark.task.cpus}); if each
 * task's matrix products also spread over every core of the machine, the threads fight for the
 * cores. So a task computes on {@code spark.task.cpus} threads (1 by default), or on the number
 * given explicitly.
 *
 * <p>The setting is per calling thread: libtorch's OpenMP pool takes its size from the thread
 * that starts the work, so each task sets it on its own thread before its first batch. Results
 * do not depend on it (measured bit-identical for pixelcnn-mnist at 1 and 2 threads, docs/spark.md);
 * compression always codes on one thread, as {@link io.github.pixelrnn.codec.ImageCodec} requires.
 */
final class TaskThreads {
    private TaskThreads() {
    }

    /**
     * Sets this thread's intra-op threads and returns the number set; also turns off gradient
     * recording, which libtorch keeps per thread and enables on a fresh thread (only the thread
     * that started the engine has it off), so that inference builds no autograd graph.
     *
     * @param requested a positive count, or 0 for the task's {@code spark.task.cpus}
     */
    static int apply(int requested) {
        int n = requested > 0 ? requested : forTask();
        JniUtils.setNumThreads(n);
        JniUtils.setGradMode(false);
        return n;
    }

    /** The cores Spark reserved for the running task ({@code spark.task.cpus}), 1 outside a task. */
    static int forTask() {
        TaskContext t = TaskContext.get();
        return t == null ? 1 : Math.max(1, t.cpus());
    }
}
