package io.github.pixelrnn.image;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.AtomicFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A run's training curves from its {@code metrics.jsonl}, drawn with XChart: the training loss
 * (mean of the last 50 steps) and the validation NLL, against steps and against minutes of
 * training, side by side in one PNG. Binary models are drawn in nats per image (the MNIST
 * convention), others in bits per dimension. A resumed run's clock restarts at zero in the log;
 * the minutes here add its invocations up.
 */
public final class TrainingCurves {
    /** Steps over which the training loss is averaged, as the progress bar does. */
    static final int WINDOW = 50;

    /** The curves read from a log: x in steps and minutes, y in the chosen unit. */
    record Curves(List<Double> trainSteps, List<Double> trainMinutes, List<Double> train,
            List<Double> validationSteps, List<Double> validationMinutes, List<Double> validation,
            List<Double> rawValidation, String unit) {
    }

    private TrainingCurves() {
    }

    /**
     * Writes the curves of {@code metrics} to {@code png}, atomically.
     *
     * @param bitsPerDim draw bits per dimension (else nats per image)
     * @param title shown above the charts, e.g. the model's description
     * @throws UserError when the log is missing, unreadable or holds no training steps
     */
    public static void write(Path metrics, Path png, boolean bitsPerDim, String title) {
        Curves c = read(metrics, bitsPerDim);
        double[] range = yRange(c);
        // Thousands of steps on long runs: XChart spaces the ticks of a wide integer axis unevenly.
        double lastStep = c.trainSteps().get(c.trainSteps().size() - 1);
        double per = lastStep >= 2000 ? 1000 : 1;
        List<Double> trainSteps = c.trainSteps().stream().map(v -> v / per).toList();
        List<Double> validationSteps = c.validationSteps().stream().map(v -> v / per).toList();
        XYChart bySteps = chart(title, per == 1000 ? "thousands of steps" : "steps", c.unit(), range);
        XYChart byMinutes = chart(" ", "minutes of training", c.unit(), range);
        bySteps.getStyler().setXAxisMax(roundUp(lastStep / per));
        byMinutes.getStyler().setXAxisMax(roundUp(c.trainMinutes().get(c.trainMinutes().size() - 1)));
        add(bySteps, trainSteps, c.train(), validationSteps, c.validation(), c.rawValidation());
        add(byMinutes, c.trainMinutes(), c.train(), c.validationMinutes(), c.validation(), c.rawValidation());
        BufferedImage left = BitmapEncoder.getBufferedImage(bySteps);
        BufferedImage right = BitmapEncoder.getBufferedImage(byMinutes);
        BufferedImage both = new BufferedImage(left.getWidth() + right.getWidth(),
                Math.max(left.getHeight(), right.getHeight()), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, both.getWidth(), both.getHeight());
        g.drawImage(left, 0, 0, null);
        g.drawImage(right, left.getWidth(), 0, null);
        g.dispose();
        Png.write(png, both);
    }

    private static XYChart chart(String title, String x, String unit, double[] yRange) {
        XYChart chart = new XYChartBuilder().width(640).height(420).title(title).xAxisTitle(x).yAxisTitle(unit).build();
        XYStyler s = chart.getStyler();
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setChartBackgroundColor(Color.WHITE);
        // From 0 to a round end (roundUp): with the data's own ends XChart spaces the ticks unevenly.
        s.setXAxisMin(0.0);
        s.setYAxisMin(yRange[0]);
        s.setYAxisMax(yRange[1]);
        return chart;
    }

    /** The smallest multiple of a round step (1, 2 or 5 times a power of ten, about an eighth of v) at or above v. */
    static double roundUp(double v) {
        if (!(v > 0)) {
            return 1;
        }
        double raw = v / 8;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw <= power ? power : raw <= 2 * power ? 2 * power : raw <= 5 * power ? 5 * power : 10 * power;
        return Math.ceil(v / step - 1e-9) * step;
    }

    /**
     * The y range: from just below the lowest value to just above the highest one after the
     * first tenth of training, whose initial losses (several times the final ones) would
     * otherwise flatten everything after them; they run off the top.
     */
    static double[] yRange(Curves c) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double lastStep = c.trainSteps().get(c.trainSteps().size() - 1);
        for (int i = 0; i < c.train().size(); i++) {
            double v = c.train().get(i);
            lo = Math.min(lo, v);
            if (c.trainSteps().get(i) >= 0.1 * lastStep || c.train().size() < 20) {
                hi = Math.max(hi, v);
            }
        }
        for (List<Double> vs : List.of(c.validation(), c.rawValidation())) {
            for (double v : vs) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        double pad = Math.max(1e-9, 0.05 * (hi - lo));
        return new double[] {lo - pad, hi + pad};
    }

    private static void add(XYChart chart, List<Double> tx, List<Double> ty, List<Double> vx, List<Double> vy,
            List<Double> rawY) {
        XYSeries train = chart.addSeries("training loss (mean of " + WINDOW + " steps)", tx, ty);
        train.setMarker(SeriesMarkers.NONE);
        train.setLineColor(new Color(0x4C72B0));
        if (!vx.isEmpty()) {
            XYSeries val = chart.addSeries("validation NLL", vx, vy);
            val.setMarker(SeriesMarkers.CIRCLE);
            val.setLineColor(new Color(0xDD8452));
            val.setMarkerColor(new Color(0xDD8452));
            if (rawY.size() == vy.size()) {
                XYSeries raw = chart.addSeries("validation NLL, raw weights", vx, rawY);
                raw.setMarker(SeriesMarkers.DIAMOND);
                raw.setLineColor(new Color(0x8C8C8C));
                raw.setMarkerColor(new Color(0x8C8C8C));
            }
        }
    }

    /** Parses a metrics log into curves. */
    static Curves read(Path metrics, boolean bitsPerDim) {
        List<String> lines;
        try {
            lines = Files.readAllLines(metrics, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot read " + metrics + ": " + AtomicFiles.reason(e));
        }
        List<Double> ts = new ArrayList<>();
        List<Double> tm = new ArrayList<>();
        List<Double> ty = new ArrayList<>();
        List<Double> vs = new ArrayList<>();
        List<Double> vm = new ArrayList<>();
        List<Double> vy = new ArrayList<>();
        List<Double> vr = new ArrayList<>();
        double[] window = new double[WINDOW];
        int filled = 0;
        double offset = 0; // seconds of earlier invocations of a resumed run
        double lastSeconds = -1;
        double ratio = Double.NaN; // bits/dim per nat/image, from the log itself
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            JsonObject o;
            try {
                JsonElement e = JsonParser.parseString(line);
                o = e.getAsJsonObject();
            } catch (JsonParseException | IllegalStateException e) {
                throw new UserError(metrics + " line " + (i + 1) + " is not a JSON object");
            }
            double step = number(o, "step");
            double seconds = number(o, "seconds");
            if (!Double.isNaN(seconds)) {
                if (seconds < lastSeconds) {
                    offset += lastSeconds; // a resumed invocation's clock starts again
                }
                lastSeconds = seconds;
            }
            double minutes = (offset + Math.max(0, lastSeconds)) / 60;
            if (o.has("loss_nats")) {
                double loss = number(o, "loss_nats");
                double bpd = number(o, "bits_per_dim");
                if (Double.isNaN(ratio) && loss > 0 && bpd > 0) {
                    ratio = bpd / loss;
                }
                if (!Double.isFinite(loss)) {
                    continue;
                }
                window[filled % WINDOW] = loss;
                filled++;
                double sum = 0;
                int k = Math.min(filled, WINDOW);
                for (int j = 0; j < k; j++) {
                    sum += window[j];
                }
                ts.add(step);
                tm.add(minutes);
                ty.add(sum / k);
            } else if (o.has("validation_nats")) {
                double v = number(o, "validation_nats");
                if (Double.isFinite(v)) {
                    vs.add(step);
                    vm.add(minutes);
                    vy.add(v);
                    double raw = number(o, "validation_raw_nats");
                    if (Double.isFinite(raw)) {
                        vr.add(raw);
                    }
                }
            }
        }
        if (ts.isEmpty()) {
            throw new UserError(metrics + " holds no training steps to plot");
        }
        String unit = "nats / image";
        if (bitsPerDim && Double.isFinite(ratio)) {
            unit = "bits / dim";
            scale(ty, ratio);
            scale(vy, ratio);
            scale(vr, ratio);
        }
        return new Curves(ts, tm, ty, vs, vm, vy, vr, unit);
    }

    private static void scale(List<Double> values, double factor) {
        values.replaceAll(v -> v * factor);
    }

    private static double number(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
    }
}
