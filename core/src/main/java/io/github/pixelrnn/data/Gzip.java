package io.github.pixelrnn.data;

import io.github.pixelrnn.UserError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads a file whole, gunzipping it when it is gzip data. Gzip is recognised by its magic
 * bytes {@code 1f 8b}, never by the file name.
 */
public final class Gzip {
    private Gzip() {
    }

    /** Whether {@code bytes} starts with the gzip magic {@code 1f 8b}. */
    public static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B;
    }

    /** The content of {@code file}, gunzipped if it is gzip data. */
    public static byte[] readMaybeGzipped(Path file) {
        byte[] raw = readFile(file);
        return isGzip(raw) ? gunzip(raw, file.toString()) : raw;
    }

    /** The bytes of {@code file}; a missing or unreadable file is a {@link UserError}. */
    public static byte[] readFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new UserError(file + ": is a directory, expected a file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (IOException | SecurityException e) {
            throw new UserError("cannot read " + file + ": " + AtomicFiles.reason(e), e);
        }
    }

    /** Gunzips {@code gz}; {@code name} names the source in the error for corrupt data. */
    public static byte[] gunzip(byte[] gz, String name) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz), 1 << 16)) {
            return in.readAllBytes();
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new UserError(name + ": corrupt gzip data (" + why + ")", e);
        }
    }
}
