package io.github.pixelrnn.data;

import io.github.pixelrnn.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** SHA-256 digests of files and byte arrays, and checks against expected values. */
public final class Checksums {
    private Checksums() {
    }

    /** The lower-case hex SHA-256 of the bytes of {@code file} (as stored, not gunzipped). */
    public static String sha256(Path file) {
        MessageDigest md = digest();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + AtomicFiles.reason(e), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /**
     * Checks that {@code file}'s bytes have the SHA-256 {@code expectedSha256} (hex, any case);
     * otherwise a {@link UserError} "checksum mismatch for FILE: expected .., got ..".
     */
    public static void verify(Path file, String expectedSha256) {
        check(file.toString(), sha256(file), expectedSha256);
    }

    /** As {@link #verify(Path, String)} for content already in memory, named {@code name}. */
    public static void verify(String name, byte[] bytes, String expectedSha256) {
        check(name, sha256(bytes), expectedSha256);
    }

    private static void check(String name, String actual, String expected) {
        if (!actual.equals(expected.trim().toLowerCase(Locale.ROOT))) {
            throw new UserError("checksum mismatch for " + name + ": expected " + expected
                    + ", got " + actual);
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
