package io.github.pixelrnn.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelrnn.UserError;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training curves read from a metrics log and drawn as a PNG. */
class TrainingCurvesTest {

    @Test
    void readsStepsMinutesAndValidationAcrossAResume(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("metrics.jsonl");
        Files.write(log, List.of(
                "{\"step\":1,\"loss_nats\":100.0,\"bits_per_dim\":0.2,\"seconds\":30.0}",
                "{\"step\":2,\"loss_nats\":80.0,\"bits_per_dim\":0.16,\"seconds\":60.0}",
                "{\"step\":2,\"validation_nats\":90.0,\"validation_raw_nats\":95.0,\"seconds\":61.0}",
                "",
                "{\"step\":3,\"loss_nats\":60.0,\"bits_per_dim\":0.12,\"grad_norm\":null,\"seconds\":60.0}", // resumed
                "{\"step\":4,\"validation_nats\":null}"));
        TrainingCurves.Curves c = TrainingCurves.read(log, false);
        assertEquals(List.of(1.0, 2.0, 3.0), c.trainSteps());
        assertEquals(List.of(100.0, 90.0, 80.0), c.train(), "means of the steps so far");
        assertEquals(List.of(0.5, 1.0, 121.0 / 60), c.trainMinutes(), "a resumed clock adds to the earlier one (61 s)");
        assertEquals(List.of(2.0), c.validationSteps(), "a null validation is left out");
        assertEquals(List.of(95.0), c.rawValidation());
        TrainingCurves.Curves bits = TrainingCurves.read(log, true);
        assertEquals("bits / dim", bits.unit());
        assertEquals(90.0 * 0.002, bits.validation().get(0), 1e-12);
        Path png = dir.resolve("curves.png");
        TrainingCurves.write(log, png, false, "test");
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img.getWidth() > 1000 && img.getHeight() > 300, img.getWidth() + "x" + img.getHeight());
    }

    @Test
    void badLogsAreOneLineErrors(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("metrics.jsonl");
        UserError missing = assertThrows(UserError.class, () -> TrainingCurves.read(log, false));
        assertTrue(missing.getMessage().startsWith("cannot read"), missing.getMessage());
        Files.writeString(log, "{\"step\":1,\"loss_nats\":1.0}\nnot json\n");
        UserError bad = assertThrows(UserError.class, () -> TrainingCurves.read(log, false));
        assertTrue(bad.getMessage().contains("line 2"), bad.getMessage());
        Files.writeString(log, "{\"step\":1,\"validation_nats\":1.0}\n");
        UserError empty = assertThrows(UserError.class, () -> TrainingCurves.read(log, false));
        assertTrue(empty.getMessage().contains("no training steps"), empty.getMessage());
    }
}
