package io.github.pixelrnn.codec;

import io.github.pixelrnn.UserError;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * The file {@code pixelrnn compress} writes, version {@value #VERSION}: a 58-byte header, the
 * arithmetic-coded stream and a CRC-32 of everything before it, big-endian.
 *
 * <pre>
 *   magic "PXRC" | version (1) | model identity (16) | batch (4) | threads (1) | precision bits (1)
 *   | images (4) | channels (1) | height (2) | width (2) | levels (2) | pixel checksum (16)
 *   | payload length (4) | payload | CRC-32 (4)
 * </pre>
 *
 * The model identity says which model decodes it; batch, threads and precision are the coding
 * parameters the decoder must reproduce; the pixel checksum (SHA-256 of the images' bytes)
 * catches any difference in the decoder's arithmetic, so a mismatch is an error instead of a
 * wrong image.
 */
public record CompressedFile(byte[] modelId, int batch, int threads, int precisionBits, int count, int channels,
        int height, int width, int levels, byte[] pixelChecksum, byte[] payload) {
    static final byte[] MAGIC = {'P', 'X', 'R', 'C'};
    public static final int VERSION = 1;
    /** Bytes before the payload. */
    public static final int HEADER_BYTES = 4 + 1 + ModelIdentity.BYTES + 4 + 1 + 1 + 4 + 1 + 2 + 2 + 2
            + ModelIdentity.BYTES + 4;
    /**
     * The largest coding batch: a header is not trusted to size the decoder's state (a lying
     * one could ask for any amount of memory).
     */
    public static final int MAX_BATCH = 4096;
    /** Bytes of the file that are not payload: the header and the CRC. */
    public static final int OVERHEAD_BYTES = HEADER_BYTES + 4;

    /** The whole file. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(OVERHEAD_BYTES + payload.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeByte(VERSION);
            out.write(modelId);
            out.writeInt(batch);
            out.writeByte(threads);
            out.writeByte(precisionBits);
            out.writeInt(count);
            out.writeByte(channels);
            out.writeShort(height);
            out.writeShort(width);
            out.writeShort(levels);
            out.write(pixelChecksum);
            out.writeInt(payload.length);
            out.write(payload);
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a file's bytes, with a one-line {@link UserError} for anything that is not a whole,
     * unaltered file of a version this code reads.
     *
     * @param name the file's name, for the messages
     */
    public static CompressedFile parse(byte[] file, String name) {
        if (file.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(file, MAGIC.length), MAGIC)) {
            throw new UserError(name + " is not a pixelrnn compressed file");
        }
        if (file.length < MAGIC.length + 1) {
            throw new UserError(name + " is truncated");
        }
        int version = file[MAGIC.length] & 0xFF;
        if (version != VERSION) {
            throw new UserError(name + " has format version " + version + "; this pixelrnn reads version " + VERSION);
        }
        if (file.length < OVERHEAD_BYTES) {
            throw new UserError(name + " is truncated: " + file.length + " bytes, less than its header");
        }
        ByteBuffer in = ByteBuffer.wrap(file);
        in.position(MAGIC.length + 1);
        byte[] model = new byte[ModelIdentity.BYTES];
        in.get(model);
        int batch = in.getInt();
        int threads = in.get() & 0xFF;
        int precision = in.get() & 0xFF;
        int count = in.getInt();
        int channels = in.get() & 0xFF;
        int height = in.getShort() & 0xFFFF;
        int width = in.getShort() & 0xFFFF;
        int levels = in.getShort() & 0xFFFF;
        byte[] checksum = new byte[ModelIdentity.BYTES];
        in.get(checksum);
        long payloadLength = in.getInt() & 0xFFFFFFFFL;
        long expected = OVERHEAD_BYTES + payloadLength;
        if (file.length < expected) {
            throw new UserError(name + " is truncated: " + file.length + " bytes of " + expected);
        }
        if (file.length > expected) {
            throw new UserError(name + " has " + (file.length - expected) + " bytes after its end (" + expected
                    + " expected)");
        }
        CRC32 crc = new CRC32();
        crc.update(file, 0, file.length - 4);
        if ((int) crc.getValue() != ByteBuffer.wrap(file, file.length - 4, 4).getInt()) {
            throw new UserError(name + " is corrupt: its CRC-32 does not match its contents");
        }
        if (batch <= 0 || batch > MAX_BATCH || count < 0 || channels <= 0 || height <= 0 || width <= 0 || (levels != 2 && levels != 256)) {
            throw new UserError(name + " has an impossible header (batch " + batch + ", " + count + " images of "
                    + channels + "x" + height + "x" + width + ", " + levels + " levels)");
        }
        byte[] payload = Arrays.copyOfRange(file, HEADER_BYTES, HEADER_BYTES + (int) payloadLength);
        return new CompressedFile(model, batch, threads, precision, count, channels, height, width, levels, checksum,
                payload);
    }

    /** The header as lines of text, for {@code compress --info}. */
    public String describe(long fileBytes) {
        long dims = (long) count * channels * height * width;
        return String.format(Locale.ROOT, """
                format      pixelrnn compressed images, version %d
                model       %s
                images      %d of %dx%dx%d, %d levels
                coding      arithmetic coder, %d-bit frequencies, batches of %d, %d intra-op thread(s)
                checksum    %s (SHA-256 of the pixels, first 16 bytes)
                size        %d bytes: %d header and CRC, %d coded (%.4f bits/dim, %.1f bits/image)
                """, VERSION, ModelIdentity.hex(modelId), count, channels, height, width, levels, precisionBits, batch,
                threads, ModelIdentity.hex(pixelChecksum), fileBytes, OVERHEAD_BYTES, payload.length,
                dims == 0 ? 0.0 : fileBytes * 8.0 / dims, count == 0 ? 0.0 : fileBytes * 8.0 / count);
    }
}
