package io.github.pixelrnn.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A run's {@code metrics.jsonl}: one JSON object per line, appended, written through Gson so
 * that every line is valid JSON. A non-finite number (NaN or ∞, which JSON cannot hold) is
 * written as null, with one warning on standard error per run.
 */
final class MetricsLog {
    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
    private final Path file;
    private boolean warned;

    MetricsLog(Path file) {
        this.file = file;
    }

    /** A line under construction: keys in the order they are put. */
    final class Line {
        private final JsonObject json = new JsonObject();

        Line put(String key, long value) {
            json.addProperty(key, value);
            return this;
        }

        Line put(String key, double value) {
            if (Double.isFinite(value)) {
                json.addProperty(key, value);
            } else {
                json.add(key, JsonNull.INSTANCE);
                if (!warned) {
                    warned = true;
                    System.err.println("warning: " + key + " is " + value + "; " + file.getFileName()
                            + " records it (and any later non-finite value) as null");
                }
            }
            return this;
        }

        /** Appends the line to the log. */
        void write() {
            try {
                Files.writeString(file, GSON.toJson(json) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UserError("cannot write " + file + ": " + AtomicFiles.reason(e));
            }
        }
    }

    Line line() {
        return new Line();
    }

    /**
     * Drops the lines of steps after {@code step}, atomically: what a run wrote after its last
     * checkpoint, which a resumed run is about to write again. The log of a resumed run then
     * reads as if the run had never stopped. A line that is not a JSON object with a numeric
     * {@code step} (a truncated last line of a killed run) is dropped too.
     */
    void dropAfter(long step) {
        if (!Files.exists(file)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> kept = lines.stream().filter(l -> {
                long at = stepOf(l); // each line parsed once
                return at >= 0 && at <= step;
            }).collect(Collectors.toList());
            if (kept.size() != lines.size()) {
                AtomicFiles.write(file, kept.stream().map(l -> l + "\n").collect(Collectors.joining())
                        .getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + AtomicFiles.reason(e));
        }
    }

    /** The step of a line, or -1 when it is not a JSON object with a numeric step. */
    private static long stepOf(String line) {
        try {
            JsonObject o = GSON.fromJson(line, JsonObject.class);
            return o != null && o.has("step") && o.get("step").isJsonPrimitive()
                    && o.getAsJsonPrimitive("step").isNumber() ? o.get("step").getAsLong() : -1;
        } catch (JsonParseException e) {
            return -1;
        }
    }
}
