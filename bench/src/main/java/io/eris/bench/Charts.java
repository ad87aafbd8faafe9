package io.eris.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** PNG charts drawn with Java2D (headless), no chart library. */
final class Charts {
  static final Color[] PALETTE = {
    new Color(0x1f77b4),
    new Color(0xff7f0e),
    new Color(0x2ca02c),
    new Color(0x9467bd),
    new Color(0x8c564b),
    new Color(0x7f7f7f),
  };
  static final Color FAULT = new Color(0xd62728);

  record Series(String label, double[] x, double[] y, Color color, boolean dashed) {}

  record Marker(double x, String label) {}

  record HLine(double y, String label, Color color) {}

  /** One plot area: title, axes, series, vertical markers and horizontal reference lines. */
  static final class Panel {
    final String title;
    final String xLabel;
    final String yLabel;
    final boolean logX;
    final List<Series> series = new ArrayList<>();
    final List<Marker> markers = new ArrayList<>();
    final List<HLine> hlines = new ArrayList<>();
    double xMin = Double.NaN;
    double xMax = Double.NaN;
    double yMin = 0;
    double yMax = Double.NaN;
    boolean legendBottomRight;

    /** A note drawn under the title (e.g. a target that is off the scale). */
    String note;

    Panel(String title, String xLabel, String yLabel, boolean logX) {
      this.title = title;
      this.xLabel = xLabel;
      this.yLabel = yLabel;
      this.logX = logX;
    }
  }

  static void write(Path file, int width, int panelHeight, List<Panel> panels) throws IOException {
    System.setProperty("java.awt.headless", "true");
    int height = panelHeight * Math.max(1, panels.size());
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    for (int i = 0; i < panels.size(); i++) {
      draw(g, panels.get(i), 0, i * panelHeight, width, panelHeight);
    }
    g.dispose();
    ImageIO.write(img, "png", file.toFile());
  }

  private static void draw(Graphics2D g, Panel p, int ox, int oy, int w, int h) {
    int left = 78;
    int right = 20;
    int top = 34;
    int bottom = 48;
    int pw = w - left - right;
    int ph = h - top - bottom;
    double xMin = p.xMin;
    double xMax = p.xMax;
    double yMax = p.yMax;
    if (Double.isNaN(xMin) || Double.isNaN(xMax) || Double.isNaN(yMax)) {
      double lx = Double.POSITIVE_INFINITY;
      double hx = Double.NEGATIVE_INFINITY;
      double hy = 0;
      for (Series s : p.series) {
        for (int i = 0; i < s.x.length; i++) {
          if (p.logX && s.x[i] <= 0) {
            continue;
          }
          lx = Math.min(lx, s.x[i]);
          hx = Math.max(hx, s.x[i]);
          hy = Math.max(hy, s.y[i]);
        }
      }
      for (HLine l : p.hlines) {
        hy = Math.max(hy, l.y);
      }
      if (Double.isNaN(xMin)) {
        xMin = Double.isInfinite(lx) ? (p.logX ? 0.1 : 0) : lx;
      }
      if (Double.isNaN(xMax)) {
        xMax = Double.isInfinite(hx) ? xMin + 1 : hx;
      }
      if (Double.isNaN(yMax)) {
        yMax = hy <= 0 ? 1 : niceCeil(hy * 1.08);
      }
    }
    if (p.logX) {
      xMin = Math.pow(10, Math.floor(Math.log10(Math.max(xMin, 1e-3))));
      xMax = Math.pow(10, Math.ceil(Math.log10(Math.max(xMax, xMin * 10))));
    }
    if (xMax <= xMin) {
      xMax = xMin + 1;
    }
    final double fxMin = xMin;
    final double fxMax = xMax;
    final double fyMax = yMax;
    final double fyMin = p.yMin;
    java.util.function.DoubleUnaryOperator sx =
        v ->
            ox
                + left
                + pw
                    * (p.logX
                        ? (Math.log10(Math.max(v, fxMin)) - Math.log10(fxMin))
                            / (Math.log10(fxMax) - Math.log10(fxMin))
                        : (v - fxMin) / (fxMax - fxMin));
    java.util.function.DoubleUnaryOperator sy =
        v -> oy + top + ph - ph * (Math.min(v, fyMax) - fyMin) / (fyMax - fyMin);

    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.setColor(Color.BLACK);
    g.drawString(p.title, ox + left, oy + 22);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    if (p.note != null) { // inside the plot, top right, under the title
      g.setColor(FAULT);
      g.drawString(
          p.note, ox + left + pw - 8 - g.getFontMetrics().stringWidth(p.note), oy + top + 16);
      g.setColor(Color.BLACK);
    }
    // grid and ticks
    g.setStroke(new BasicStroke(1f));
    for (double yt : ticks(fyMin, fyMax, 6)) {
      int y = (int) sy.applyAsDouble(yt);
      g.setColor(new Color(0xe6e6e6));
      g.drawLine(ox + left, y, ox + left + pw, y);
      g.setColor(Color.DARK_GRAY);
      String s = fmt(yt);
      g.drawString(s, ox + left - 6 - g.getFontMetrics().stringWidth(s), y + 4);
    }
    List<Double> xt = new ArrayList<>();
    if (p.logX) {
      for (double d = fxMin; d <= fxMax * 1.0001; d *= 10) {
        xt.add(d);
      }
    } else {
      xt = ticks(fxMin, fxMax, 10);
    }
    for (double t : xt) {
      int x = (int) sx.applyAsDouble(t);
      g.setColor(new Color(0xe6e6e6));
      g.drawLine(x, oy + top, x, oy + top + ph);
      g.setColor(Color.DARK_GRAY);
      String s = fmt(t);
      int sw = g.getFontMetrics().stringWidth(s);
      g.drawString(s, Math.min(x - sw / 2, ox + w - sw - 2), oy + top + ph + 16);
    }
    g.setColor(Color.BLACK);
    g.drawRect(ox + left, oy + top, pw, ph);
    g.drawString(
        p.xLabel, ox + left + pw / 2 - g.getFontMetrics().stringWidth(p.xLabel) / 2, oy + h - 12);
    Graphics2D gr = (Graphics2D) g.create();
    gr.rotate(-Math.PI / 2);
    gr.drawString(
        p.yLabel, -(oy + top + ph / 2 + gr.getFontMetrics().stringWidth(p.yLabel) / 2), ox + 16);
    gr.dispose();

    Graphics2D clip = (Graphics2D) g.create();
    clip.clipRect(ox + left, oy + top, pw + 1, ph + 1);
    for (HLine l : p.hlines) {
      int y = (int) sy.applyAsDouble(l.y);
      clip.setColor(l.color);
      clip.setStroke(
          new BasicStroke(
              1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {6, 4}, 0));
      clip.drawLine(ox + left, y, ox + left + pw, y);
      clip.drawString(
          l.label, ox + left + pw - 6 - clip.getFontMetrics().stringWidth(l.label), y - 4);
    }
    for (Series s : p.series) {
      Path2D path = new Path2D.Double();
      boolean started = false;
      for (int i = 0; i < s.x.length; i++) {
        if (p.logX && s.x[i] <= 0) {
          continue;
        }
        double x = sx.applyAsDouble(s.x[i]);
        double y = sy.applyAsDouble(s.y[i]);
        if (!started) {
          path.moveTo(x, y);
          started = true;
        } else {
          path.lineTo(x, y);
        }
      }
      clip.setColor(s.color);
      clip.setStroke(
          s.dashed
              ? new BasicStroke(
                  1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {5, 4}, 0)
              : new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      clip.draw(path);
    }
    int labelRow = 0;
    for (Marker m : p.markers) {
      int x = (int) sx.applyAsDouble(m.x);
      clip.setColor(FAULT);
      clip.setStroke(
          new BasicStroke(
              1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4, 3}, 0));
      clip.drawLine(x, oy + top, x, oy + top + ph);
      String ml = m.label;
      int tw = clip.getFontMetrics().stringWidth(ml);
      int tx = x + 4 + tw > ox + left + pw ? x - 4 - tw : x + 4;
      clip.drawString(ml, tx, oy + top + ph / 3 + 13 * (labelRow++ % 6));
    }
    clip.dispose();

    // legend: in the plot's top-left corner, on a translucent box
    int maxW = 0;
    for (Series s : p.series) {
      maxW = Math.max(maxW, g.getFontMetrics().stringWidth(s.label));
    }
    int boxW = maxW + 36;
    int boxH = 16 * p.series.size() + 6;
    int bx = ox + left + 8;
    int ly = oy + top + 16;
    if (p.legendBottomRight) {
      bx = ox + left + pw - boxW - 8;
      ly = oy + top + ph - boxH + 8;
    }
    if (!p.series.isEmpty()) {
      g.setColor(new Color(255, 255, 255, 225));
      g.fillRect(bx, ly - 13, boxW, boxH);
      g.setColor(Color.LIGHT_GRAY);
      g.drawRect(bx, ly - 13, boxW, boxH);
    }
    for (Series s : p.series) {
      g.setColor(s.color);
      g.setStroke(new BasicStroke(2.5f));
      g.drawLine(bx + 6, ly - 4, bx + 26, ly - 4);
      g.setColor(Color.BLACK);
      g.drawString(s.label, bx + 30, ly);
      ly += 16;
    }
  }

  static List<Double> ticks(double lo, double hi, int target) {
    double span = hi - lo;
    List<Double> out = new ArrayList<>();
    if (span <= 0) {
      out.add(lo);
      return out;
    }
    double step = niceStep(span / target);
    for (double v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
      out.add(Math.abs(v) < step * 1e-9 ? 0 : v);
    }
    return out;
  }

  static double niceStep(double raw) {
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / mag;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
    return nice * mag;
  }

  static double niceCeil(double v) {
    double step = niceStep(v / 5);
    return Math.ceil(v / step) * step;
  }

  static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      long l = (long) v;
      return Math.abs(l) >= 10_000 ? String.format(Locale.ROOT, "%,d", l) : Long.toString(l);
    }
    if (Math.abs(v) >= 1) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2g", v);
  }
}
