package io.github.pixelrnn.util;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Self time per operator and input shapes from a libtorch profiler trace (Chrome trace JSON, as
 * written by {@code JniUtils.stopProfile}). Events nest (e.g. {@code aten::conv2d} contains
 * {@code aten::convolution}); the self time of an event is its duration minus that of the events
 * directly inside it on the same thread, so the rows add up to the profiled time.
 */
public final class TraceSummary {

    /** One operator on one set of input shapes. */
    public record Row(String name, String shapes, double selfMs, int calls) {
    }

    private record Event(String name, String shapes, long tid, double start, double duration) {
    }

    private TraceSummary() {
    }

    /** Rows sorted by self time, largest first. */
    public static List<Row> read(Path trace) throws IOException {
        JsonElement root;
        try (Reader r = Files.newBufferedReader(trace, StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(r);
        }
        JsonArray events = root.isJsonArray() ? root.getAsJsonArray() : root.getAsJsonObject().getAsJsonArray("traceEvents");
        List<Event> list = new ArrayList<>();
        for (JsonElement e : events) {
            JsonObject o = e.getAsJsonObject();
            if (!o.has("ph") || !o.get("ph").getAsString().equals("X") || !o.has("dur")) {
                continue;
            }
            String shapes = o.has("shape") ? o.get("shape").toString() : "";
            long tid = o.has("tid") && o.get("tid").getAsJsonPrimitive().isNumber() ? o.get("tid").getAsLong() : 0;
            list.add(new Event(o.get("name").getAsString(), shapes, tid, o.get("ts").getAsDouble(),
                    o.get("dur").getAsDouble()));
        }
        // Parents start no later and last no shorter than their children.
        list.sort(Comparator.comparingLong(Event::tid).thenComparingDouble(Event::start)
                .thenComparing(Comparator.comparingDouble(Event::duration).reversed()));
        Map<String, double[]> self = new HashMap<>(); // key -> {self µs, calls}
        Deque<double[]> open = new ArrayDeque<>(); // {end, self µs so far, index}
        List<String> keys = new ArrayList<>();
        long tid = Long.MIN_VALUE;
        for (Event e : list) {
            if (e.tid() != tid) {
                close(open, keys, self, Double.MAX_VALUE);
                tid = e.tid();
            }
            close(open, keys, self, e.start());
            if (!open.isEmpty()) {
                open.peek()[1] -= e.duration();
            }
            keys.add(e.name() + "\t" + e.shapes());
            open.push(new double[] {e.start() + e.duration(), e.duration(), keys.size() - 1});
        }
        close(open, keys, self, Double.MAX_VALUE);
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, double[]> m : self.entrySet()) {
            String[] parts = m.getKey().split("\t", 2);
            rows.add(new Row(parts[0], parts[1], m.getValue()[0] / 1000, (int) m.getValue()[1]));
        }
        rows.sort(Comparator.comparingDouble(Row::selfMs).reversed());
        return rows;
    }

    /** Ends every open event that finishes at or before {@code time}. */
    private static void close(Deque<double[]> open, List<String> keys, Map<String, double[]> self, double time) {
        while (!open.isEmpty() && open.peek()[0] <= time) {
            double[] done = open.pop();
            double[] acc = self.computeIfAbsent(keys.get((int) done[2]), k -> new double[2]);
            acc[0] += done[1];
            acc[1] += 1;
        }
    }
}
