/**
 * Datasets: reading images from disk into {@link io.github.pixelrnn.data.ImageSet}s and turning
 * them into model batches.
 *
 * <p>{@link io.github.pixelrnn.data.Datasets} is the entry point (by name: mnist, fashion-mnist,
 * cifar10, folder). Readers for each format: {@link io.github.pixelrnn.data.IdxReader} (MNIST
 * IDX, plain or gzip), {@link io.github.pixelrnn.data.Cifar10Reader},
 * {@link io.github.pixelrnn.data.ImageFolderReader} (PNG/JPEG). MNIST is fetched and cached,
 * checksum-verified, by {@link io.github.pixelrnn.data.Mnist} and
 * {@link io.github.pixelrnn.data.MnistFetcher} under {@link io.github.pixelrnn.data.Home}.
 * {@link io.github.pixelrnn.data.Binarization} and {@link io.github.pixelrnn.data.Batches} make
 * float batches. Problems with the user's files are reported as one-line
 * {@link io.github.pixelrnn.UserError}s naming the file.
 */
package io.github.pixelrnn.data;
