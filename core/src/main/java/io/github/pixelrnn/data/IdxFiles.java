package io.github.pixelrnn.data;

import io.github.pixelrnn.UserError;
import java.nio.file.Files;
import java.nio.file.Path;

/** The IDX image file and label file of one split of an MNIST-like dataset. */
public record IdxFiles(Path images, Path labels) {

    /** The usual base names of the training split, {@code train-*-idx?-ubyte}. */
    public static final String[] TRAIN = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte"};
    /** The usual base names of the test split, {@code t10k-*-idx?-ubyte}. */
    public static final String[] TEST = {"t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

    /**
     * Finds the files of a split in {@code dir}, each named with the usual base name or that name
     * plus {@code .gz}.
     *
     * @param dataset names the dataset in the error message
     * @param hint the last part of the error message, how to get the files
     * @throws UserError if a file is not there
     */
    public static IdxFiles find(Path dir, boolean train, String dataset, String hint) {
        String[] names = train ? TRAIN : TEST;
        return new IdxFiles(locate(dir, names[0], dataset, hint), locate(dir, names[1], dataset, hint));
    }

    /** Reads both files as a labelled set (see {@link IdxReader#readImages}). */
    public ImageSet read() {
        return IdxReader.readImages(images, labels);
    }

    /**
     * {@code dir/base} or {@code dir/base.gz}, whichever exists (the plain name first).
     *
     * @throws UserError if neither exists
     */
    public static Path locate(Path dir, String base, String dataset, String hint) {
        if (!Files.isDirectory(dir)) {
            throw new UserError(dataset + ": " + dir + " is not a directory; " + hint);
        }
        Path plain = dir.resolve(base);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = dir.resolve(base + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        throw new UserError(dataset + ": " + base + "(.gz) not found in " + dir + "; " + hint);
    }
}
