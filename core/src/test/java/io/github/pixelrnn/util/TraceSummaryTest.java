package io.github.pixelrnn.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Self times from a hand-made Chrome trace with nested events on two threads. */
class TraceSummaryTest {

    @Test
    void nestedEventsGiveSelfTimes(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("t.json");
        Files.writeString(trace, """
                {"traceEvents": [
                  {"name": "aten::conv2d", "ph": "X", "ts": 0, "dur": 10000, "tid": 1, "shape": [[1, 2]]},
                  {"name": "aten::mkldnn_convolution", "ph": "X", "ts": 1000, "dur": 4000, "tid": 1, "shape": [[1, 2]]},
                  {"name": "aten::empty", "ph": "X", "ts": 2000, "dur": 1000, "tid": 1},
                  {"name": "aten::relu", "ph": "X", "ts": 12000, "dur": 3000, "tid": 1},
                  {"name": "aten::relu", "ph": "X", "ts": 500, "dur": 2000, "tid": 2},
                  {"name": "process_name", "ph": "M", "pid": 1}
                ]}
                """);
        List<TraceSummary.Row> rows = TraceSummary.read(trace);
        assertEquals(4, rows.size(), rows.toString());
        assertEquals("aten::conv2d", rows.get(0).name());
        assertEquals(6.0, rows.get(0).selfMs(), 1e-9); // 10 − 4
        assertEquals("[[1,2]]", rows.get(0).shapes());
        TraceSummary.Row relu = rows.stream().filter(r -> r.name().equals("aten::relu")).findFirst().orElseThrow();
        assertEquals(5.0, relu.selfMs(), 1e-9); // one on each thread
        assertEquals(2, relu.calls());
        TraceSummary.Row conv = rows.stream().filter(r -> r.name().equals("aten::mkldnn_convolution")).findFirst()
                .orElseThrow();
        assertEquals(3.0, conv.selfMs(), 1e-9); // 4 − 1 for the empty inside it
        double total = rows.stream().mapToDouble(TraceSummary.Row::selfMs).sum();
        assertEquals(10 + 3 + 2, total, 1e-9);
    }
}
