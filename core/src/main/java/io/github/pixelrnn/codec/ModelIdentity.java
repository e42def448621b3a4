package io.github.pixelrnn.codec;

import io.github.pixelrnn.model.PixelModel;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a compressed file says about the model that coded it: the first 16 bytes of the SHA-256
 * of its configuration and its parameters (as {@link PixelModel#saveParameters} writes them,
 * batch-norm statistics included). Decoding with any other model gives other probabilities, so
 * the decoder refuses a model whose identity differs.
 */
public final class ModelIdentity {
    public static final int BYTES = 16;

    private ModelIdentity() {
    }

    public static byte[] of(PixelModel model) {
        MessageDigest sha = sha256();
        sha.update(model.config().toString().getBytes(StandardCharsets.UTF_8));
        try (DataOutputStream out = new DataOutputStream(new OutputStream() {
            @Override
            public void write(int b) {
                sha.update((byte) b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                sha.update(b, off, len);
            }
        })) {
            model.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Arrays.copyOf(sha.digest(), BYTES);
    }

    /** The first 16 bytes of the SHA-256 of {@code bytes}. */
    public static byte[] checksum(byte[] bytes) {
        return Arrays.copyOf(sha256().digest(bytes), BYTES);
    }

    public static String hex(byte[] id) {
        return HexFormat.of().formatHex(id);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
