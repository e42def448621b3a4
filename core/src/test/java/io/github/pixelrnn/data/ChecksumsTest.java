package io.github.pixelrnn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.pixelrnn.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumsTest {
    static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @TempDir
    Path dir;

    @Test
    void knownDigest() throws IOException {
        Path f = Files.writeString(dir.resolve("abc.txt"), "abc", StandardCharsets.US_ASCII);
        assertEquals(ABC, Checksums.sha256(f));
        assertEquals(ABC, Checksums.sha256("abc".getBytes(StandardCharsets.US_ASCII)));
        Checksums.verify(f, ABC.toUpperCase());
    }

    @Test
    void mismatchIsReported() throws IOException {
        Path f = Files.writeString(dir.resolve("abd.txt"), "abd", StandardCharsets.US_ASCII);
        UserError e = assertThrows(UserError.class, () -> Checksums.verify(f, ABC));
        assertEquals("checksum mismatch for " + f + ": expected " + ABC + ", got "
                + Checksums.sha256(f), e.getMessage());
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("none");
        UserError e = assertThrows(UserError.class, () -> Checksums.verify(f, ABC));
        assertEquals(f + ": no such file", e.getMessage());
    }
}
