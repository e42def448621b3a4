package io.github.pixelrnn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.pixelrnn.UserError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CIFAR-10's download path, against a server on the loopback address that serves an archive laid
 * out as the real one (cifar-10-batches-bin/ with six batches, here of 3 records each): fetched,
 * checked, unpacked and readable; not fetched again; refused when the checksum or the server says
 * no, with nothing left behind.
 */
class Cifar10FetcherTest {
    private static final int RECORDS = 3;
    @TempDir
    Path dir;

    /** The archive: a tar.gz of cifar-10-batches-bin/{data_batch_1..5,test_batch}.bin. */
    private static byte[] archive() throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        TarTest.entry(tar, Cifar10Reader.ARCHIVE_DIR + "/", "", new byte[0], '5');
        int first = 0;
        for (String name : Cifar10Fetcher.batchNames()) {
            TarTest.entry(tar, Cifar10Reader.ARCHIVE_DIR + "/" + name, "", Cifar10ReaderTest.batch(RECORDS, first), '0');
            first += RECORDS;
        }
        tar.writeBytes(new byte[1024]);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(tar.toByteArray());
        }
        return gz.toByteArray();
    }

    private static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    /** Serves {@code body} at /cifar.tar.gz and 404 elsewhere, counting requests. */
    private static HttpServer serve(byte[] body, AtomicInteger requests) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            requests.incrementAndGet();
            if (x.getRequestURI().getPath().equals("/cifar.tar.gz")) {
                x.sendResponseHeaders(200, body.length);
                try (OutputStream o = x.getResponseBody()) {
                    o.write(body);
                }
            } else {
                x.sendResponseHeaders(404, -1);
            }
            x.close();
        });
        server.start();
        return server;
    }

    @Test
    void fetchedCheckedUnpackedAndNotFetchedTwice() throws Exception {
        byte[] body = archive();
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = serve(body, requests);
        Path cache = dir.resolve("cifar10");
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/cifar.tar.gz";
            Cifar10Fetcher f = new Cifar10Fetcher(url, md5(body), (long) RECORDS * Cifar10Reader.RECORD,
                    Duration.ofSeconds(10));
            f.fetch(cache);
            ImageSet train = Cifar10Reader.readDir(cache, true);
            ImageSet test = Cifar10Reader.readDir(cache, false);
            assertEquals(5 * RECORDS, train.count());
            assertEquals(RECORDS, test.count());
            assertEquals(5 * RECORDS % 10, test.labels()[0], "the test batch's own records");
            f.fetch(cache);
            assertEquals(1, requests.get(), "a complete cache is not fetched again");
        } finally {
            server.stop(0);
        }
        assertNoLeftovers(cache);
    }

    @Test
    void aWrongChecksumOrAnHttpErrorIsOneLineAndLeavesNothing() throws Exception {
        byte[] body = archive();
        HttpServer server = serve(body, new AtomicInteger());
        Path cache = dir.resolve("cifar10");
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            long size = (long) RECORDS * Cifar10Reader.RECORD;
            UserError e = assertThrows(UserError.class, () -> new Cifar10Fetcher(base + "/cifar.tar.gz",
                    "00000000000000000000000000000000", size, Duration.ofSeconds(10)).fetch(cache));
            assertTrue(e.getMessage().contains("not the published") && e.getMessage().contains("nothing was unpacked"),
                    e.getMessage());
            e = assertThrows(UserError.class, () -> new Cifar10Fetcher(base + "/missing", md5(body), size,
                    Duration.ofSeconds(10)).fetch(cache));
            assertTrue(e.getMessage().contains("HTTP 404") && e.getMessage().contains("by hand"), e.getMessage());
        } finally {
            server.stop(0);
        }
        // offline: nothing listens any more on the server's port
        String gone = "http://127.0.0.1:" + server.getAddress().getPort() + "/cifar.tar.gz";
        UserError offline = assertThrows(UserError.class, () -> new Cifar10Fetcher(gone, md5(body), 1,
                Duration.ofSeconds(5)).fetch(cache));
        assertTrue(offline.getMessage().startsWith("cifar10: cannot download " + gone)
                && offline.getMessage().contains("download it by hand") && !offline.getMessage().contains("\n"),
                offline.getMessage());
        assertNoLeftovers(cache);
        try (Stream<Path> s = Files.list(cache)) {
            assertEquals(0, s.count(), "no batch written");
        }
    }

    private static void assertNoLeftovers(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".part")), "a partial download was left");
        }
    }
}
