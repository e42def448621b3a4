package io.github.pixelrnn.data;

import io.github.pixelrnn.UserError;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The static binarized MNIST that the literature reports on (Larochelle and Murray 2011, the
 * split the PixelRNN paper's MNIST figures use): {@code binarized_mnist_train.amat} (50,000
 * images), {@code _valid.amat} (10,000) and {@code _test.amat} (10,000), each line one image as
 * 784 space-separated 0s and 1s. The files cannot be fetched here; a user who has them passes
 * their directory. The training split is train then valid, so {@code --val-size 10000} holds
 * out exactly the published validation set. The images are binary already (2 levels): no
 * binarization is applied to them.
 */
public final class BinarizedMnist {
    public static final String NAME = "binarized-mnist";
    static final int SIZE = 28;

    private BinarizedMnist() {
    }

    /** The training split (train + valid, 60,000 images) or the test split (10,000). */
    public static ImageSet load(boolean train, Path dir) {
        if (dir == null) {
            throw new UserError(NAME + " needs --data-dir DIR holding binarized_mnist_{train,valid,test}.amat");
        }
        if (!train) {
            return read(dir.resolve("binarized_mnist_test.amat"));
        }
        ImageSet a = read(dir.resolve("binarized_mnist_train.amat"));
        ImageSet b = read(dir.resolve("binarized_mnist_valid.amat"));
        byte[] px = new byte[a.pixels().length + b.pixels().length];
        System.arraycopy(a.pixels(), 0, px, 0, a.pixels().length);
        System.arraycopy(b.pixels(), 0, px, a.pixels().length, b.pixels().length);
        return new ImageSet(px, a.count() + b.count(), 1, SIZE, SIZE, 2, null);
    }

    /** One .amat file; a one-line error naming the file and line for anything that is not 784 0/1 values. */
    public static ImageSet read(Path file) {
        int dims = SIZE * SIZE;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int count = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String t = line.trim();
                if (t.isEmpty()) {
                    continue;
                }
                String[] values = t.split("\\s+");
                if (values.length != dims) {
                    throw new UserError(file + " line " + lineNo + " has " + values.length + " values, not " + dims
                            + " (28x28 binary pixels)");
                }
                for (String v : values) {
                    if (v.equals("0")) {
                        out.write(0);
                    } else if (v.equals("1")) {
                        out.write(1);
                    } else {
                        throw new UserError(file + " line " + lineNo + " holds '" + v + "', not 0 or 1");
                    }
                }
                count++;
            }
        } catch (NoSuchFileException e) {
            throw new UserError(NAME + ": " + file.getFileName() + " not found in " + file.getParent());
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + AtomicFiles.reason(e));
        }
        if (count == 0) {
            throw new UserError(file + " holds no images");
        }
        return new ImageSet(out.toByteArray(), count, 1, SIZE, SIZE, 2, null);
    }
}
