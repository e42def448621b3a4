package io.github.pixelrnn.data;

import io.github.pixelrnn.UserError;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The original MNIST digits (LeCun et al.): 60000 training and 10000 test images of 28×28,
 * 8-bit grey, with labels 0..9.
 *
 * <p>Without a data directory the four IDX files come from the cache {@code
 * Home.datasetDir("mnist")}, fetched there by {@link MnistFetcher} when missing. With one (the
 * CLI's {@code --data-dir}) they come from there, named with or without {@code .gz}. Either way
 * the SHA-256 of each file's uncompressed content must be the known one; a mismatch is a
 * {@link UserError}.
 */
public final class Mnist {
    /** The dataset's name, also the cache directory's name. */
    public static final String NAME = "mnist";
    /** SHA-256 of the uncompressed content of each original file, by base name. */
    public static final Map<String, String> SHA256;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db");
        m.put("train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5");
        m.put("t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7");
        m.put("t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");
        SHA256 = Collections.unmodifiableMap(m);
    }

    static final String DATA_DIR_HINT = "put the four MNIST IDX files (train-images-idx3-ubyte, "
            + "train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, optionally "
            + ".gz) in a directory and pass --data-dir DIR";

    private Mnist() {
    }

    /** The cache directory, {@code Home.datasetDir("mnist")}. */
    public static Path cacheDir() {
        return Home.datasetDir(NAME);
    }

    /**
     * The training or test split, from {@code dataDirOrNull} if given, otherwise from the cache
     * (fetching it first if needed).
     *
     * @throws UserError if a file is missing or corrupt, a checksum does not match, or fetching
     *     fails
     */
    public static ImageSet load(boolean train, Path dataDirOrNull) {
        if (dataDirOrNull != null) {
            return loadVerified(IdxFiles.find(dataDirOrNull, train, NAME, DATA_DIR_HINT));
        }
        Path cache = cacheDir();
        String[] names = train ? IdxFiles.TRAIN : IdxFiles.TEST;
        new MnistFetcher().fetch(cache, List.of(names));
        return loadVerified(new IdxFiles(cache.resolve(names[0]), cache.resolve(names[1])));
    }

    /** The cache directory, holding all four files, fetched first where missing or corrupt. */
    public static Path ensureCached() {
        Path cache = cacheDir();
        new MnistFetcher().fetch(cache, SHA256.keySet());
        return cache;
    }

    /**
     * Reads a split, checking each file's uncompressed content against its known SHA-256.
     *
     * @throws UserError "checksum mismatch for FILE: expected .., got .." and the like
     */
    public static ImageSet loadVerified(IdxFiles files) {
        byte[] images = readVerified(files.images());
        byte[] labels = readVerified(files.labels());
        ImageSet set = IdxReader.parseImages(files.images().toString(), images);
        return IdxReader.withLabels(set, files.images().toString(),
                IdxReader.parseLabels(files.labels().toString(), labels), files.labels().toString());
    }

    /** The content of an MNIST file (gunzipped if gzip), checked against its known SHA-256. */
    static byte[] readVerified(Path file) {
        String base = baseName(file);
        String expected = SHA256.get(base);
        if (expected == null) {
            throw new UserError(file + ": not one of the four MNIST file names " + SHA256.keySet());
        }
        byte[] data = Gzip.readMaybeGzipped(file);
        String what = file.getFileName().toString().endsWith(".gz") ? file + " (uncompressed)" : file.toString();
        Checksums.verify(what, data, expected);
        return data;
    }

    private static String baseName(Path file) {
        String n = file.getFileName().toString();
        return n.endsWith(".gz") ? n.substring(0, n.length() - 3) : n;
    }
}
