package io.github.pixelrnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every metrics line is valid JSON, non-finite numbers included. */
class MetricsLogTest {

    @Test
    void nonFiniteNumbersBecomeNull(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("metrics.jsonl");
        MetricsLog log = new MetricsLog(file);
        log.line().put("step", 1).put("loss_nats", Double.NaN).put("grad_norm", Double.POSITIVE_INFINITY).write();
        log.line().put("step", 2).put("loss_nats", 1.5).write();
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        // strict parsing: Gson's reader rejects NaN unless lenient, so parse each line with a strict reader
        for (String line : lines) {
            com.google.gson.stream.JsonReader r = new com.google.gson.stream.JsonReader(new java.io.StringReader(line));
            r.setStrictness(com.google.gson.Strictness.STRICT);
            JsonObject o = JsonParser.parseReader(r).getAsJsonObject();
            assertTrue(o.has("step"));
        }
        JsonObject first = JsonParser.parseString(lines.get(0)).getAsJsonObject();
        assertTrue(first.get("loss_nats").isJsonNull());
        assertTrue(first.get("grad_norm").isJsonNull());
        assertEquals(1.5, JsonParser.parseString(lines.get(1)).getAsJsonObject().get("loss_nats").getAsDouble());
    }
}
