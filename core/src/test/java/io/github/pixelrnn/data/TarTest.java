package io.github.pixelrnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TarTest {

    /** A ustar header block for {@code name} of {@code size} bytes and type {@code type}. */
    static byte[] header(String name, String prefix, long size, char type) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 124, String.format("%011o", size));
        put(h, 136, "00000000000");
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        put(h, 345, prefix);
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xFF;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        return h;
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }

    static void entry(ByteArrayOutputStream out, String name, String prefix, byte[] data, char type) {
        out.writeBytes(header(name, prefix, data.length, type));
        out.writeBytes(data);
        out.writeBytes(new byte[(512 - data.length % 512) % 512]);
    }

    static byte[] archive() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        entry(out, "package/", "", new byte[0], '5');
        entry(out, "package/readme.md", "", "hello".getBytes(StandardCharsets.US_ASCII), '0');
        byte[] big = new byte[1300];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        entry(out, "train-labels", "package/data", big, '0');
        entry(out, "package/link", "", new byte[0], '2');
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    @Test
    void readsWantedRegularFiles() throws IOException {
        Map<String, byte[]> files = Tar.read(new ByteArrayInputStream(archive()),
                n -> n.startsWith("package/"), "t.tar");
        assertEquals(2, files.size());
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), files.get("package/readme.md"));
        byte[] big = files.get("package/data/train-labels");
        assertEquals(1300, big.length);
        assertEquals((byte) 1299, big[1299]);
    }

    @Test
    void skipsUnwanted() throws IOException {
        Map<String, byte[]> files = Tar.read(new ByteArrayInputStream(archive()),
                n -> n.endsWith("train-labels"), "t.tar");
        assertEquals(1, files.size());
    }

    @Test
    void corruptHeaderAndTruncation() {
        byte[] a = archive();
        a[512 + 10] ^= 1; // the readme's name, checksum now wrong
        IOException e = assertThrows(IOException.class,
                () -> Tar.read(new ByteArrayInputStream(a), n -> true, "t.tar"));
        assertTrue(e.getMessage().contains("t.tar: corrupt tar header"), e.getMessage());
        byte[] cut = java.util.Arrays.copyOf(archive(), 512 * 3 + 100);
        assertThrows(IOException.class, () -> Tar.read(new ByteArrayInputStream(cut), n -> true, "t.tar"));
    }
}
