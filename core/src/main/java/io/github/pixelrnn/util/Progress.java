package io.github.pixelrnn.util;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on standard error with rate and ETA:
 * {@code train [#######.......]  412/1000  41%  118.3 img/s  ETA 0:42  loss 101.2 nats}.
 *
 * <p>On a terminal it redraws one line; otherwise (logs, CI) it prints a line at most every
 * {@code quietSeconds} so logs stay short. The caller supplies a status text (e.g. the loss).
 */
public final class Progress implements AutoCloseable {
    private static final int BAR = 24;
    private final String label;
    private final long total;
    private final String unit;
    private final double unitsPerTick;
    private final PrintStream out;
    private final boolean tty;
    private final long start = System.nanoTime();
    private final long firstTick;
    private long lastPrint;
    private long done;
    private String status = "";
    private boolean closed;

    /**
     * @param label what is being done
     * @param total ticks expected (0 if unknown)
     * @param unit what the rate counts, e.g. "img"
     * @param unitsPerTick units per tick (e.g. the batch size)
     */
    public Progress(String label, long total, long firstTick, String unit, double unitsPerTick) {
        this.label = label;
        this.total = total;
        this.firstTick = firstTick;
        this.done = firstTick;
        this.unit = unit;
        this.unitsPerTick = unitsPerTick;
        this.out = System.err;
        this.tty = System.console() != null && !"true".equals(System.getenv("CI"));
    }

    public Progress(String label, long total, String unit, double unitsPerTick) {
        this(label, total, 0, unit, unitsPerTick);
    }

    /** Advances to {@code done} ticks with a status text. */
    public void update(long ticks, String statusText) {
        this.done = ticks;
        this.status = statusText == null ? "" : statusText;
        long now = System.nanoTime();
        long every = tty ? 200_000_000L : 10_000_000_000L;
        if (now - lastPrint >= every || (total > 0 && ticks >= total)) {
            lastPrint = now;
            print(false);
        }
    }

    public void step(String statusText) {
        update(done + 1, statusText);
    }

    /** Prints a message on its own line without breaking the bar. */
    public void message(String text) {
        if (tty) {
            out.print("\r\033[K");
        }
        out.println(text);
        if (tty) {
            print(false);
        }
    }

    /** Seconds since start. */
    public double elapsed() {
        return (System.nanoTime() - start) / 1e9;
    }

    private void print(boolean last) {
        double secs = Math.max(1e-9, elapsed());
        long ticks = done - firstTick;
        double rate = ticks * unitsPerTick / secs;
        StringBuilder sb = new StringBuilder();
        sb.append(label).append(' ');
        if (total > 0) {
            int filled = (int) Math.min(BAR, BAR * done / Math.max(1, total));
            sb.append('[').append("#".repeat(filled)).append(".".repeat(BAR - filled)).append("] ");
            sb.append(done).append('/').append(total);
            sb.append(String.format(Locale.ROOT, " %3d%%", 100 * done / Math.max(1, total)));
        } else {
            sb.append(done);
        }
        sb.append(String.format(Locale.ROOT, "  %.1f %s/s", rate, unit));
        if (last) {
            sb.append("  ").append(clock(secs));
        } else if (total > 0 && ticks > 0) {
            double eta = (total - done) * secs / ticks;
            sb.append("  ETA ").append(clock(eta));
        }
        if (!status.isEmpty()) {
            sb.append("  ").append(status);
        }
        if (tty) {
            out.print("\r\033[K" + sb);
            if (last) {
                out.println();
            }
        } else {
            out.println(sb);
        }
        out.flush();
    }

    /** "1:05:09" or "4:02". */
    public static String clock(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            print(true);
        }
    }
}
