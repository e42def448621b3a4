/**
 * PixelRNN on Apache Spark: exact per-image likelihoods ({@code nll_nats}, {@code bits_per_dim}),
 * the out-of-distribution scores of {@link io.github.pixelrnn.eval.OodScores}, and lossless
 * compression ({@code .pxrc} files of {@link io.github.pixelrnn.codec.CompressedFile}) of
 * image collections held in Spark Datasets. {@link io.github.pixelrnn.spark.PixelRnnSpark} is
 * the Java API, {@link io.github.pixelrnn.spark.Job} the {@code spark-submit} entry point.
 *
 * <p>Each executor JVM loads a model once ({@link io.github.pixelrnn.spark.ExecutorModels}),
 * rows are processed in batches per partition, and every task runs libtorch on
 * {@code spark.task.cpus} intra-op threads ({@link io.github.pixelrnn.spark.TaskThreads}), so
 * concurrent tasks do not oversubscribe the executor's cores. Per-image results are the
 * single-machine tool's, bit for bit.
 */
package io.github.pixelrnn.spark;
