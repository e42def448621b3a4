package io.github.pixelrnn.data;

import io.github.pixelrnn.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The one place the CLI loads datasets from, by name:
 *
 * <ul>
 *   <li>{@code mnist}: the original MNIST, fetched into the cache, or from {@code --data-dir}
 *       (checksums verified either way), see {@link Mnist};
 *   <li>{@code fashion-mnist}: IDX files from {@code --data-dir} or {@value #FASHION_MNIST_DEFAULT};
 *   <li>{@code cifar10}: the CIFAR-10 binary batches in {@code --data-dir}, or fetched once into the home directory ({@link Cifar10Fetcher}), see
 *       {@link Cifar10Reader};
 *   <li>{@code folder}: the PNG/JPEG files in {@code --data-dir} (train and test are the same
 *       images), see {@link ImageFolderReader}.
 * </ul>
 *
 * All sets have 256 levels; binarize them with {@link Binarization}.
 */
public final class Datasets {
    /** The known dataset names. */
    public static final List<String> NAMES = List.of("mnist", "fashion-mnist", "cifar10", "folder", "idx",
            BinarizedMnist.NAME);
    /** Where the {@code dataset-fashion-mnist} package installs Fashion-MNIST. */
    public static final String FASHION_MNIST_DEFAULT = "/usr/share/datasets/fashion-mnist";

    private Datasets() {
    }

    /**
     * The training or test split of dataset {@code name}, at its own size ({@code folder}: all
     * images must have the size of the first; 1 channel if all are grey, else 3).
     *
     * @param dataDirOrNull the CLI's {@code --data-dir}, or null for the dataset's default
     * @throws UserError for an unknown name, missing or bad files
     */
    public static ImageSet load(String name, boolean train, Path dataDirOrNull) {
        return load(name, train, dataDirOrNull, 0, 0, 0);
    }

    /**
     * As {@link #load(String, boolean, Path)}, at a given size: {@code folder} images are
     * converted to {@code channels} and resized to {@code height}×{@code width}; other datasets
     * must already have that shape. A value of 0 means "as the data is".
     */
    public static ImageSet load(String name, boolean train, Path dataDirOrNull, int height,
            int width, int channels) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        ImageSet set = switch (key) {
            case "mnist" -> Mnist.load(train, dataDirOrNull);
            case "fashion-mnist", "fashion_mnist", "fashionmnist" -> fashionMnist(train, dataDirOrNull);
            case "cifar10", "cifar-10" -> Cifar10Reader.readDir(dataDirOrNull != null
                    ? requireDir(key, dataDirOrNull, "pass --data-dir DIR holding data_batch_1..5.bin and "
                            + "test_batch.bin (CIFAR-10 binary version)")
                    : new Cifar10Fetcher().fetch(Home.datasetDir("cifar10")), train);
            case "folder" -> folder(requireDir(key, dataDirOrNull,
                    "pass --data-dir DIR holding .png/.jpg files"), height, width, channels);
            case "idx" -> idx(train, requireDir(key, dataDirOrNull, "pass --data-dir DIR holding "
                    + "train-images-idx3-ubyte(.gz) and t10k-images-idx3-ubyte(.gz), labels optional"));
            case BinarizedMnist.NAME -> BinarizedMnist.load(train, requireDir(key, dataDirOrNull,
                    "pass --data-dir DIR holding binarized_mnist_{train,valid,test}.amat"));
            default -> throw new UserError("unknown dataset '" + name + "'; known: "
                    + String.join(", ", NAMES));
        };
        checkShape(key, set, height, width, channels);
        return set;
    }

    /** A user's own IDX files, MNIST's names, no checksums; the label files are optional. */
    private static ImageSet idx(boolean train, Path dir) {
        String[] names = train ? IdxFiles.TRAIN : IdxFiles.TEST;
        Path images = IdxFiles.locate(dir, names[0], "idx", "name the image files as MNIST does");
        Path labels = java.nio.file.Files.exists(dir.resolve(names[1]))
                || java.nio.file.Files.exists(dir.resolve(names[1] + ".gz"))
                ? IdxFiles.locate(dir, names[1], "idx", "") : null;
        return IdxReader.readImages(images, labels);
    }

    private static ImageSet fashionMnist(boolean train, Path dataDirOrNull) {
        Path dir = dataDirOrNull != null ? dataDirOrNull : Path.of(FASHION_MNIST_DEFAULT);
        String hint = dataDirOrNull != null
                ? "the directory must hold train-images-idx3-ubyte(.gz), train-labels-idx1-ubyte(.gz), "
                        + "t10k-images-idx3-ubyte(.gz) and t10k-labels-idx1-ubyte(.gz)"
                : "install it with `apt-get install dataset-fashion-mnist`, or pass --data-dir DIR "
                        + "holding the four Fashion-MNIST IDX files";
        return IdxFiles.find(dir, train, "fashion-mnist", hint).read();
    }

    /**
     * A folder of images, or of class folders: when {@code dir} holds only subfolders of images,
     * each subfolder is a class (sorted by name, as torchvision's {@code ImageFolder}) and the
     * images are labelled by it.
     */
    private static ImageSet folder(Path dir, int height, int width, int channels) {
        List<Path> classes = ImageFolderReader.classFolders(dir);
        List<Path> paths = classes.isEmpty() ? List.of(dir) : classes;
        ImageSet set = height > 0 && width > 0 ? ImageFolderReader.read(paths, height, width, channels)
                : ImageFolderReader.readExact(paths, channels);
        return classes.isEmpty() ? set : ImageFolderReader.labelledByFolder(set, classes);
    }

    /** The ten MNIST digits. */
    private static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    /** Fashion-MNIST's ten classes, in label order (Xiao et al. 2017). */
    private static final List<String> FASHION = List.of("t-shirt", "trouser", "pullover", "dress", "coat", "sandal",
            "shirt", "sneaker", "bag", "ankle-boot");
    /** CIFAR-10's ten classes, in label order (batches.meta.txt). */
    private static final List<String> CIFAR10 = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");

    /**
     * The names of the classes of a labelled data set, in label order: the digits of MNIST, the
     * garments of Fashion-MNIST, CIFAR-10's ten, a {@code folder}'s class folders, or for
     * {@code idx} files the labels 0..max found in {@code labelled}. A one-line {@link UserError}
     * for data without labels.
     *
     * @param labelled the loaded training images (their labels)
     */
    public static List<String> classNames(String name, Path dataDirOrNull, ImageSet labelled) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (labelled.labels() == null) {
            throw new UserError("the " + key + " images have no labels"
                    + (key.equals("folder") ? ": put each class's images in its own subfolder of --data-dir" : ""));
        }
        return switch (key) {
            case "mnist" -> DIGITS;
            case "fashion-mnist", "fashion_mnist", "fashionmnist" -> FASHION;
            case "cifar10", "cifar-10" -> CIFAR10;
            case "folder" -> ImageFolderReader.classFolders(dataDirOrNull).stream()
                    .map(p -> p.getFileName().toString()).toList();
            default -> {
                int max = java.util.Arrays.stream(labelled.labels()).max().orElse(0);
                java.util.List<String> names = new java.util.ArrayList<>();
                for (int k = 0; k <= max; k++) {
                    names.add(Integer.toString(k));
                }
                yield names;
            }
        };
    }

    private static Path requireDir(String name, Path dir, String hint) {
        if (dir == null) {
            throw new UserError(name + " needs a data directory: " + hint);
        }
        if (!Files.exists(dir)) {
            throw new UserError(name + ": " + dir + ": no such directory; " + hint);
        }
        return dir;
    }

    private static void checkShape(String name, ImageSet set, int height, int width, int channels) {
        boolean bad = (height > 0 && set.height() != height) || (width > 0 && set.width() != width)
                || (channels > 0 && set.channels() != channels);
        if (bad) {
            throw new UserError(name + " images are " + set.channels() + "x" + set.height() + "x"
                    + set.width() + " (CxHxW), not the " + any(channels) + "x" + any(height) + "x"
                    + any(width) + " asked for");
        }
    }

    private static String any(int v) {
        return v > 0 ? Integer.toString(v) : "*";
    }
}
