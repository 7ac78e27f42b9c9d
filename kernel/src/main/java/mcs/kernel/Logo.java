package mcs.kernel;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The kernel's logo, drawn rather than stored: a dark rounded square holding a 4x4 grid of
 * weights, some of them pruned away (a sparse matrix). No fonts needed.
 */
final class Logo {

    private static final Color BACKGROUND = new Color(0x1f, 0x3b, 0x5b);
    private static final Color WEIGHT = new Color(0xf2, 0xa9, 0x3b);
    /** Which cells of the 4x4 grid keep their weight. */
    private static final boolean[][] KEPT = {
        {true, false, true, true},
        {false, true, false, false},
        {true, false, false, true},
        {false, true, true, false},
    };

    private Logo() {
    }

    static byte[] png(int size) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING,
                    RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(BACKGROUND);
            int arc = size / 4;
            g.fillRoundRect(0, 0, size, size, arc, arc);
            g.setColor(WEIGHT);
            double cell = size / 5.0;
            double dot = cell * 0.8;
            for (int r = 0; r < KEPT.length; r++) {
                for (int c = 0; c < KEPT[r].length; c++) {
                    if (KEPT[r][c]) {
                        int x = (int) Math.round(cell * 0.5 + c * cell + (cell - dot) / 2);
                        int y = (int) Math.round(cell * 0.5 + r * cell + (cell - dot) / 2);
                        int d = (int) Math.round(dot);
                        g.fillRoundRect(x, y, d, d, d / 3, d / 3);
                    }
                }
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String svg() {
        StringBuilder out = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "viewBox=\"0 0 50 50\" width=\"50\" height=\"50\">\n");
        out.append(String.format(Locale.ROOT, "  <rect width=\"50\" height=\"50\" rx=\"12\" "
                + "fill=\"%s\"/>%n", hex(BACKGROUND)));
        for (int r = 0; r < KEPT.length; r++) {
            for (int c = 0; c < KEPT[r].length; c++) {
                if (KEPT[r][c]) {
                    out.append(String.format(Locale.ROOT, "  <rect x=\"%d\" y=\"%d\" width=\"8\""
                            + " height=\"8\" rx=\"2.5\" fill=\"%s\"/>%n", 6 + c * 10, 6 + r * 10,
                            hex(WEIGHT)));
                }
            }
        }
        return out.append("</svg>\n").toString();
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }
}
