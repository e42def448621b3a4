package io.github.pixelrnn.data;

import io.github.pixelrnn.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Fetches CIFAR-10 (the binary version) into a cache directory, as torchvision's
 * {@code CIFAR10(download=True)} does: the archive from its authors' site, checked against the
 * MD5 they publish, then its six batch files written atomically. Nothing is fetched when every
 * batch is already there with its size; an archive that fails the checksum is never unpacked.
 */
public final class Cifar10Fetcher {
    /** The archive on the dataset's page (Krizhevsky 2009, https://www.cs.toronto.edu/~kriz/cifar.html). */
    public static final String URL = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";
    /** The MD5 of the binary version that page lists (torchvision checks its archives by MD5 too). */
    public static final String MD5 = "c32a1d4ab5d03f1284b67883e8d87530";
    /** Bytes of one batch file: 10,000 records of a label byte and 3×32×32 pixels. */
    public static final long BATCH_BYTES = 10_000L * Cifar10Reader.RECORD;

    private final String url;
    private final String md5;
    private final long batchBytes;
    private final Duration timeout;

    /** The standard fetcher: the authors' archive, its published MD5, a 30-minute timeout. */
    public Cifar10Fetcher() {
        this(URL, MD5, BATCH_BYTES, Duration.ofMinutes(30));
    }

    /** Another source (a test's server on the loopback address), checksum and batch size. */
    public Cifar10Fetcher(String url, String md5, long batchBytes, Duration timeout) {
        this.url = url;
        this.md5 = md5;
        this.batchBytes = batchBytes;
        this.timeout = timeout;
    }

    /** The batch files of both splits, training first. */
    static List<String> batchNames() {
        List<String> all = new ArrayList<>(Cifar10Reader.TRAIN_FILES);
        all.addAll(Cifar10Reader.TEST_FILES);
        return all;
    }

    /**
     * Makes sure {@code cacheDir} holds the six batch files, downloading them when one is missing
     * or has the wrong size.
     *
     * @return {@code cacheDir}
     * @throws UserError when the download fails, fails its checksum, or cannot be written
     */
    public Path fetch(Path cacheDir) {
        if (complete(cacheDir)) {
            return cacheDir;
        }
        Path archive = download(cacheDir);
        try {
            String got = md5(archive);
            if (!got.equals(md5)) {
                throw new UserError("cifar10: " + host() + " sent an archive with MD5 " + got + ", not the published "
                        + md5 + "; nothing was unpacked");
            }
            Map<String, byte[]> files;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(archive), 1 << 16)) {
                files = Tar.read(in, n -> n.startsWith(Cifar10Reader.ARCHIVE_DIR + "/")
                        && batchNames().contains(n.substring(Cifar10Reader.ARCHIVE_DIR.length() + 1)), url);
            } catch (IOException e) {
                throw new UserError("cifar10: cannot unpack the archive: " + AtomicFiles.reason(e), e);
            }
            for (String name : batchNames()) {
                byte[] data = files.get(Cifar10Reader.ARCHIVE_DIR + "/" + name);
                if (data == null || data.length != batchBytes) {
                    throw new UserError("cifar10: the archive has no " + name + " of " + batchBytes + " bytes");
                }
            }
            for (String name : batchNames()) {
                AtomicFiles.write(cacheDir.resolve(name), files.get(Cifar10Reader.ARCHIVE_DIR + "/" + name));
            }
            return cacheDir;
        } finally {
            try {
                Files.deleteIfExists(archive);
            } catch (IOException e) {
                // a temporary file left behind in the cache directory; the next fetch replaces it
            }
        }
    }

    /** Whether every batch is in {@code dir} with its size. */
    private boolean complete(Path dir) {
        for (String name : batchNames()) {
            Path f = dir.resolve(name);
            try {
                if (!Files.isRegularFile(f) || Files.size(f) != batchBytes) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** The archive, downloaded into a temporary file of {@code cacheDir}. */
    private Path download(Path cacheDir) {
        AtomicFiles.ensureWritable(cacheDir);
        Path tmp;
        try {
            tmp = Files.createTempFile(cacheDir, ".cifar-10-binary", ".tar.gz.part");
        } catch (IOException e) {
            throw new UserError("cifar10: cannot write in " + cacheDir + ": " + AtomicFiles.reason(e), e);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
            HttpResponse<Path> resp = client.send(req, HttpResponse.BodyHandlers.ofFile(tmp));
            if (resp.statusCode() != 200) {
                throw new UserError("cifar10: " + host() + " answered HTTP " + resp.statusCode() + " for " + url
                        + byHand());
            }
            return tmp;
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UserError("cifar10: cannot download " + url + " (" + AtomicFiles.reason(e) + ")" + byHand(), e);
        } catch (InterruptedException e) {
            deleteQuietly(tmp);
            Thread.currentThread().interrupt();
            throw new UserError("cifar10: the download was interrupted", e);
        } catch (UserError e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /** What to do without the network. */
    private String byHand() {
        return "; download it by hand, unpack it and pass --data-dir DIR (the cifar-10-batches-bin folder)";
    }

    private String host() {
        String h = URI.create(url).getHost();
        return h == null ? url : h;
    }

    private static void deleteQuietly(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            // nothing more to do
        }
    }

    /** The lower-case hex MD5 of a file. */
    static String md5(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("MD5");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + AtomicFiles.reason(e), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no MD5 in this JVM", e);
        }
    }
}
