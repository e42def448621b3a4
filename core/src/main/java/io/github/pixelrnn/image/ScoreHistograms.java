package io.github.pixelrnn.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Histograms of two sets' scores, one chart per score, drawn with XChart into one PNG (two charts
 * a row): the fraction of each set's images per bin, on bins shared by both sets, so that how
 * much the two distributions overlap is what the eye sees.
 */
public final class ScoreHistograms {
    static final int BINS = 50;

    private ScoreHistograms() {
    }

    /**
     * @param scores per score name: {in-distribution scores, out-of-distribution scores}
     * @param captions per score name: a line under its name (e.g. its AUROC), or absent
     */
    public static void write(Path png, Map<String, double[][]> scores, Map<String, String> captions, String inLabel,
            String outLabel) {
        List<BufferedImage> charts = new ArrayList<>();
        for (Map.Entry<String, double[][]> e : scores.entrySet()) {
            String caption = captions.get(e.getKey());
            XYChart chart = new XYChartBuilder().width(560).height(360)
                    .title(e.getKey() + (caption == null ? "" : "   " + caption))
                    .xAxisTitle(e.getKey() + " (higher: more out of distribution)").yAxisTitle("fraction of images")
                    .build();
            chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
            chart.getStyler().setChartBackgroundColor(Color.WHITE);
            chart.getStyler().setSeriesColors(new Color[] {new Color(76, 114, 176, 150), new Color(221, 132, 82, 150)});
            double[][] sets = e.getValue();
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] set : sets) {
                for (double v : set) {
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
            if (!(hi > lo)) {
                hi = lo + 1;
            }
            // ticks with as many digits as the range needs (XChart prints every digit of a double)
            chart.getStyler().setXAxisDecimalPattern(hi - lo >= 100 ? "#,##0" : hi - lo >= 1 ? "0.0#" : "0.00##");
            String[] labels = {inLabel, outLabel};
            for (int s = 0; s < 2; s++) {
                double[] centres = new double[BINS];
                double[] fraction = new double[BINS];
                for (int b = 0; b < BINS; b++) {
                    centres[b] = lo + (b + 0.5) * (hi - lo) / BINS;
                }
                for (double v : sets[s]) {
                    if (Double.isFinite(v)) {
                        int b = (int) Math.min(BINS - 1, Math.floor((v - lo) / (hi - lo) * BINS));
                        fraction[b] += 1.0 / sets[s].length;
                    }
                }
                XYSeries series = chart.addSeries(labels[s] + " (" + sets[s].length + ")", centres, fraction);
                series.setMarker(SeriesMarkers.NONE);
            }
            charts.add(BitmapEncoder.getBufferedImage(chart));
        }
        int cols = Math.min(2, charts.size());
        int rows = (charts.size() + cols - 1) / cols;
        int w = charts.get(0).getWidth();
        int h = charts.get(0).getHeight();
        BufferedImage all = new BufferedImage(cols * w, rows * h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, all.getWidth(), all.getHeight());
        for (int i = 0; i < charts.size(); i++) {
            g.drawImage(charts.get(i), (i % cols) * w, (i / cols) * h, null);
        }
        g.dispose();
        Png.write(png, all);
    }
}
