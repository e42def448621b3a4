package io.github.pixelrnn.data;

import io.github.pixelrnn.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the CIFAR-10 "binary version": batch files of records, each one label byte (0..9)
 * followed by 3072 pixel bytes, the 32×32 red plane, then green, then blue (row-major), which
 * is exactly the C×H×W layout of {@link ImageSet}.
 */
public final class Cifar10Reader {
    /** Side of a CIFAR-10 image. */
    public static final int SIZE = 32;
    /** Bytes of one record: the label and 3×32×32 pixels. */
    public static final int RECORD = 1 + 3 * SIZE * SIZE;
    /** The training batches, in order. */
    public static final List<String> TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin",
            "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    /** The test batch. */
    public static final List<String> TEST_FILES = List.of("test_batch.bin");
    /** The directory the official archive unpacks to. */
    public static final String ARCHIVE_DIR = "cifar-10-batches-bin";

    private Cifar10Reader() {
    }

    /**
     * Reads the training ({@code data_batch_1..5.bin}) or test ({@code test_batch.bin}) split
     * from {@code dir}, or from {@code dir/cifar-10-batches-bin} if the files are there.
     *
     * @throws UserError if a file is missing or not a CIFAR-10 batch
     */
    public static ImageSet readDir(Path dir, boolean train) {
        if (!Files.isDirectory(dir)) {
            throw new UserError("cifar10: " + dir + " is not a directory; pass --data-dir DIR "
                    + "holding data_batch_1..5.bin and test_batch.bin (CIFAR-10 binary version)");
        }
        List<String> names = train ? TRAIN_FILES : TEST_FILES;
        Path base = dir;
        if (!Files.exists(dir.resolve(names.get(0))) && Files.isDirectory(dir.resolve(ARCHIVE_DIR))) {
            base = dir.resolve(ARCHIVE_DIR);
        }
        List<Path> files = new ArrayList<>();
        for (String name : names) {
            Path f = base.resolve(name);
            if (!Files.isRegularFile(f)) {
                throw new UserError("cifar10: " + f + " not found; the directory must hold "
                        + "data_batch_1..5.bin and test_batch.bin (CIFAR-10 binary version)");
            }
            files.add(f);
        }
        return read(files);
    }

    /**
     * Reads and concatenates CIFAR-10 batch files (plain or gzip-compressed) into one set with
     * 3 channels, 32×32, 256 levels and labels.
     *
     * @throws UserError if a file is missing, unreadable, or its size is not a positive
     *     multiple of 3073 bytes, or a label is not 0..9
     */
    public static ImageSet read(List<Path> batchFiles) {
        if (batchFiles.isEmpty()) {
            throw new UserError("cifar10: no batch files given");
        }
        List<byte[]> contents = new ArrayList<>();
        long records = 0;
        for (Path f : batchFiles) {
            byte[] data = Gzip.readMaybeGzipped(f);
            if (data.length == 0 || data.length % RECORD != 0) {
                throw new UserError(f + ": " + data.length + " bytes is not a multiple of " + RECORD
                        + " (1 label byte + 3x32x32 pixels); not a CIFAR-10 binary batch");
            }
            records += data.length / RECORD;
            contents.add(data);
        }
        int imageSize = RECORD - 1;
        if (records * imageSize > Integer.MAX_VALUE) {
            throw new UserError("cifar10: " + records + " images are too many to hold in memory");
        }
        int n = (int) records;
        byte[] pixels = new byte[n * imageSize];
        int[] labels = new int[n];
        int i = 0;
        for (int k = 0; k < contents.size(); k++) {
            byte[] data = contents.get(k);
            for (int r = 0; r < data.length / RECORD; r++, i++) {
                int label = data[r * RECORD] & 0xFF;
                if (label > 9) {
                    throw new UserError(batchFiles.get(k) + ": record " + r + " has label " + label
                            + ", CIFAR-10 labels are 0..9; not a CIFAR-10 binary batch");
                }
                labels[i] = label;
                System.arraycopy(data, r * RECORD + 1, pixels, i * imageSize, imageSize);
            }
        }
        return new ImageSet(pixels, n, 3, SIZE, SIZE, 256, labels);
    }
}
