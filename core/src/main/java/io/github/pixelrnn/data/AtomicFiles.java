package io.github.pixelrnn.data;

import io.github.pixelrnn.UserError;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a reader never sees a half-written one: the bytes go to a temporary
 * file in the target's directory, which is then renamed over the target (atomically where the
 * file system can). Missing parent directories are created. Any failure is a {@link UserError}
 * "cannot write FILE: REASON".
 */
public final class AtomicFiles {

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface Content {
        /** Writes the whole content to {@code out}. */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Writes {@code bytes} to {@code target}, atomically. */
    public static void write(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    /** Writes what {@code content} produces to {@code target}, atomically. */
    public static void write(Path target, Content content) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
            // not Files.createTempFile: that makes the file private (0600) on POSIX systems
            Path part = abs.resolveSibling("." + abs.getFileName() + "."
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".part");
            try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                tmp = part;
                content.writeTo(out);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException | SecurityException e) {
            String why = reason(e);
            if (e instanceof FileSystemException f && f.getFile() != null && f.getFile().endsWith(".part")
                    && dir != null) {
                why = why.replace(f.getFile(), dir.toString());
            }
            throw new UserError("cannot write " + target + ": " + why, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and named *.part
                }
            }
        }
    }

    /** A short human reason for an I/O failure, without stack trace or class names. */
    public static String reason(Exception e) {
        if (e instanceof NoSuchFileException f) {
            return "no such file or directory (" + f.getFile() + ")";
        }
        if (e instanceof AccessDeniedException f) {
            return "permission denied (" + f.getFile() + ")";
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " exists and is not a directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason() + (f.getFile() == null ? "" : " (" + f.getFile() + ")");
        }
        if (e instanceof java.io.EOFException) {
            return "the file is truncated";
        }
        String msg = e.getMessage();
        return msg == null || msg.isBlank() ? "I/O error" : msg.lines().findFirst().orElse(msg);
    }

    /** Deletes a directory and everything in it (nothing if it does not exist). */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /** Creates {@code dir} and checks that it can be written, before hours of work go into it. */
    public static void ensureWritable(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".probe", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new UserError("cannot write to output directory " + dir + ": " + reason(e));
        } catch (SecurityException e) {
            throw new UserError("cannot write to output directory " + dir + ": permission denied");
        }
    }
}
