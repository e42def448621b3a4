package io.github.pixelrnn.eval;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.ImageSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * An image's complexity L(x): its length in bits under a generic lossless compressor, the
 * correction of Serrà et al. 2020 ("Input complexity and out-of-distribution detection with
 * likelihood-based generative models", arXiv 1909.11480), S(x) = NLL(x) in bits − L(x).
 *
 * <ul>
 *   <li>{@link Codec#PNG}: a PNG file written here at maximum deflate (level 9), with libpng's
 *       adaptive filter choice per row (the filter whose bytes have the smallest sum of absolute
 *       values) for 8-bit images and no filtering for 1-bit ones, as libpng does.
 *   <li>{@link Codec#WEBP} ({@code cwebp -lossless -z 9}) and {@link Codec#JXL}
 *       ({@code cjxl -d 0 -e 9}), when those tools are installed (Debian packages {@code webp} and
 *       {@code libjxl-tools}).
 * </ul>
 *
 * Binary images are coded as 1-bit PNGs, 8-bit ones as 8-bit grey or RGB. L counts the whole
 * file, header included (a constant that moves every score alike).
 */
public final class Complexity {
    /** A lossless compressor. */
    public enum Codec {
        PNG("png", null), WEBP("webp", "cwebp"), JXL("jxl", "cjxl");

        private final String label;
        private final String tool;

        Codec(String label, String tool) {
            this.label = label;
            this.tool = tool;
        }

        public String label() {
            return label;
        }

        /** Whether it can run here: PNG always, the others when their tool is on the PATH. */
        public boolean available() {
            return tool == null || onPath(tool);
        }

        /** By label; a one-line error for an unknown one. */
        public static Codec named(String label) {
            for (Codec c : values()) {
                if (c.label.equals(label.trim().toLowerCase(Locale.ROOT))) {
                    return c;
                }
            }
            throw new UserError("unknown codec '" + label + "'; known: png, webp, jxl");
        }
    }

    private Complexity() {
    }

    /** L(x) in bits of every image of {@code images} under {@code codec}, on {@code threads} threads. */
    public static double[] bits(ImageSet images, Codec codec, int threads) {
        if (!codec.available()) {
            throw new UserError(codec.tool + " is not installed (apt-get install "
                    + (codec == Codec.WEBP ? "webp" : "libjxl-tools") + ")");
        }
        double[] out = new double[images.count()];
        if (codec == Codec.PNG) {
            for (int i = 0; i < out.length; i++) {
                out[i] = png(images, i).length * 8.0;
            }
            return out;
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("pixelrnn-complexity");
        } catch (IOException e) {
            throw new UserError("cannot create a temporary directory: " + e.getMessage());
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<Double>> jobs = new ArrayList<>();
            for (int i = 0; i < out.length; i++) {
                int index = i;
                jobs.add(pool.submit(() -> external(codec, png(images, index), dir, index)));
            }
            for (int i = 0; i < out.length; i++) {
                out[i] = jobs.get(i).get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof UserError u ? u : new UserError(codec.tool + " failed: " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted");
        } finally {
            pool.shutdownNow();
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // a temporary directory left behind is harmless
            }
        }
        return out;
    }

    private static double external(Codec codec, byte[] png, Path dir, int index) throws IOException,
            InterruptedException {
        Path in = dir.resolve("x" + index + ".png");
        Path out = dir.resolve("x" + index + "." + codec.label);
        Files.write(in, png);
        List<String> cmd = codec == Codec.WEBP
                ? List.of("cwebp", "-quiet", "-lossless", "-z", "9", in.toString(), "-o", out.toString())
                : List.of("cjxl", "--quiet", "-d", "0", "-e", "9", in.toString(), out.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (p.waitFor() != 0 || !Files.exists(out)) {
            throw new UserError(codec.tool + " failed on image " + index + " (exit code " + p.exitValue() + ")");
        }
        double bits = Files.size(out) * 8.0;
        Files.delete(in);
        Files.delete(out);
        return bits;
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Image {@code i} of {@code images} as a PNG file: 1-bit grey for binary images, else 8-bit
     * grey or RGB, deflated at level 9.
     */
    public static byte[] png(ImageSet images, int i) {
        int c = images.channels();
        int h = images.height();
        int w = images.width();
        boolean binary = images.levels() == 2;
        if (c != 1 && c != 3) {
            throw new UserError("PNG codes 1 or 3 channels, not " + c);
        }
        byte[] px = images.pixels();
        int base = i * c * h * w;
        int rowBytes = binary ? (w + 7) / 8 : w * c;
        int bpp = binary ? 1 : c; // bytes per pixel for the filters (1 for sub-byte depths)
        ByteArrayOutputStream raw = new ByteArrayOutputStream((rowBytes + 1) * h);
        byte[] previous = new byte[rowBytes];
        byte[] row = new byte[rowBytes];
        for (int y = 0; y < h; y++) {
            java.util.Arrays.fill(row, (byte) 0);
            for (int x = 0; x < w; x++) {
                if (binary) {
                    if (px[base + y * w + x] != 0) {
                        row[x >> 3] |= (byte) (0x80 >> (x & 7));
                    }
                } else {
                    for (int ch = 0; ch < c; ch++) {
                        row[x * c + ch] = px[base + (ch * h + y) * w + x];
                    }
                }
            }
            if (binary) {
                raw.write(0);
                raw.write(row, 0, rowBytes);
            } else {
                byte[] best = null;
                long bestSum = Long.MAX_VALUE;
                int bestType = 0;
                for (int type = 0; type <= 4; type++) {
                    byte[] f = filter(type, row, previous, bpp);
                    long sum = 0;
                    for (byte b : f) {
                        sum += Math.abs((int) b); // libpng's heuristic: bytes as signed
                    }
                    if (sum < bestSum) {
                        bestSum = sum;
                        best = f;
                        bestType = type;
                    }
                }
                raw.write(bestType);
                raw.write(best, 0, rowBytes);
            }
            byte[] t = previous;
            previous = row;
            row = t;
        }
        Deflater deflater = new Deflater(9);
        deflater.setInput(raw.toByteArray());
        deflater.finish();
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!deflater.finished()) {
            z.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 0, 8);
        ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt(w).putInt(h).put((byte) (binary ? 1 : 8)).put((byte) (c == 1 ? 0 : 2)).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        chunk(file, "IHDR", ihdr.array());
        chunk(file, "IDAT", z.toByteArray());
        chunk(file, "IEND", new byte[0]);
        return file.toByteArray();
    }

    /** PNG filter {@code type} (0 none, 1 sub, 2 up, 3 average, 4 Paeth) of one row. */
    private static byte[] filter(int type, byte[] row, byte[] up, int bpp) {
        byte[] out = new byte[row.length];
        for (int i = 0; i < row.length; i++) {
            int a = i >= bpp ? row[i - bpp] & 0xFF : 0;
            int b = up[i] & 0xFF;
            int cc = i >= bpp ? up[i - bpp] & 0xFF : 0;
            int x = row[i] & 0xFF;
            int pred = switch (type) {
                case 0 -> 0;
                case 1 -> a;
                case 2 -> b;
                case 3 -> (a + b) >>> 1;
                default -> paeth(a, b, cc);
            };
            out[i] = (byte) (x - pred);
        }
        return out;
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            out.write(ByteBuffer.allocate(4).putInt(data.length).array());
            out.write(t);
            out.write(data);
            CRC32 crc = new CRC32();
            crc.update(t);
            crc.update(data);
            out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
