package io.github.pixelrnn.image;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A confusion matrix as a PNG: one row per true class, one column per predicted class, each
 * cell coloured by the fraction of its row ({@link HeatColors}) and labelled with its count.
 */
public final class ConfusionMatrix {
    private static final int CELL = 44;
    private static final int MARGIN = 110;

    private ConfusionMatrix() {
    }

    /**
     * @param counts K×K, row the true class, column the predicted one
     * @param names the K class names
     * @param title a line above the matrix (the accuracy, say)
     */
    public static void write(Path png, int[][] counts, List<String> names, String title) {
        int k = counts.length;
        int side = MARGIN + k * CELL + 20;
        BufferedImage img = new BufferedImage(side, side + 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        g.setColor(Color.BLACK);
        g.drawString(title, 8, 18);
        g.drawString("predicted class", MARGIN, 40);
        g.drawString("true class", 8, 40);
        int top = MARGIN;
        for (int i = 0; i < k; i++) {
            long row = 0;
            for (int c : counts[i]) {
                row += c;
            }
            String name = clip(names.get(i), fm, MARGIN - 14);
            g.setColor(Color.BLACK);
            g.drawString(name, 8, top + i * CELL + CELL / 2 + fm.getAscent() / 2);
            String column = clip(names.get(i), fm, CELL - 4);
            g.drawString(column, MARGIN + i * CELL + (CELL - fm.stringWidth(column)) / 2, top - 8);
            for (int j = 0; j < k; j++) {
                double fraction = row == 0 ? 0 : (double) counts[i][j] / row;
                int x = MARGIN + j * CELL;
                int y = top + i * CELL;
                g.setColor(new Color(HeatColors.rgb(fraction)));
                g.fillRect(x, y, CELL, CELL);
                g.setColor(new Color(0xC0C0C0));
                g.drawRect(x, y, CELL, CELL);
                String text = String.format(Locale.ROOT, "%d", counts[i][j]);
                g.setColor(fraction > 0.5 ? Color.BLACK : Color.WHITE);
                g.drawString(text, x + (CELL - fm.stringWidth(text)) / 2, y + CELL / 2 + fm.getAscent() / 2 - 1);
            }
        }
        g.dispose();
        Png.write(png, img);
    }

    /** {@code s}, cut to fit {@code width} pixels. */
    private static String clip(String s, FontMetrics fm, int width) {
        String out = s;
        while (out.length() > 1 && fm.stringWidth(out) > width) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }
}
