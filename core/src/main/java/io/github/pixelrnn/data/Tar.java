package io.github.pixelrnn.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A minimal reader of (uncompressed) tar streams: ustar/GNU 512-byte headers, regular files
 * only; directories, links and extension headers are skipped. Enough to unpack an npm package
 * tarball.
 */
public final class Tar {
    private static final int BLOCK = 512;

    private Tar() {
    }

    /**
     * Reads the regular files whose names {@code wanted} accepts, names as stored in the archive
     * (ustar prefix joined with "/"), in archive order.
     *
     * @param name names the archive in error messages
     * @throws IOException if the stream is truncated or a header is corrupt
     */
    public static Map<String, byte[]> read(InputStream in, Predicate<String> wanted, String name)
            throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        byte[] header = new byte[BLOCK];
        while (true) {
            int got = in.readNBytes(header, 0, BLOCK);
            if (got == 0) {
                return out; // end of stream without the end-of-archive blocks: tolerated
            }
            if (got < BLOCK) {
                throw new EOFException(name + ": truncated tar header");
            }
            if (isZero(header)) {
                return out;
            }
            checkChecksum(header, name);
            String entry = str(header, 0, 100);
            if (str(header, 257, 5).equals("ustar")) {
                String prefix = str(header, 345, 155);
                if (!prefix.isEmpty()) {
                    entry = prefix + "/" + entry;
                }
            }
            long size = number(header, 124, 12, name);
            char type = (char) header[156];
            boolean regular = type == '0' || type == '\0' || type == '7';
            long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
            if (regular && wanted.test(entry)) {
                if (size > Integer.MAX_VALUE - 16) {
                    throw new IOException(name + ": entry " + entry + " is too large (" + size + " bytes)");
                }
                byte[] data = in.readNBytes((int) size);
                if (data.length < size) {
                    throw new EOFException(name + ": truncated in entry " + entry);
                }
                out.put(entry, data);
                skip(in, padded - size, name);
            } else {
                skip(in, padded, name);
            }
        }
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static void checkChecksum(byte[] h, String name) throws IOException {
        long stored = number(h, 148, 8, name);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xFF);
        }
        if (sum != stored) {
            throw new IOException(name + ": corrupt tar header (checksum " + stored + ", computed "
                    + sum + ")");
        }
    }

    /** An octal field (NUL/space terminated), or GNU base-256 when the high bit is set. */
    private static long number(byte[] h, int off, int len, String name) throws IOException {
        if ((h[off] & 0x80) != 0) {
            long v = h[off] & 0x7F;
            for (int i = 1; i < len; i++) {
                v = (v << 8) | (h[off + i] & 0xFF);
            }
            return v;
        }
        long v = 0;
        int i = off;
        int end = off + len;
        while (i < end && (h[i] == ' ' || h[i] == 0)) {
            i++;
        }
        for (; i < end && h[i] != 0 && h[i] != ' '; i++) {
            int d = h[i] - '0';
            if (d < 0 || d > 7) {
                throw new IOException(name + ": corrupt tar header (bad octal number)");
            }
            v = v * 8 + d;
        }
        return v;
    }

    private static String str(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static void skip(InputStream in, long n, String name) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new EOFException(name + ": truncated tar entry");
                }
                s = 1;
            }
            left -= s;
        }
    }
}
