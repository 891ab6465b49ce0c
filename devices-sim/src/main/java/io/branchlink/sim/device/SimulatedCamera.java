package io.branchlink.sim.device;

import io.branchlink.agent.device.AbstractDevice;
import io.branchlink.agent.device.CompletionCode;
import io.branchlink.agent.device.Outcome;
import io.branchlink.agent.device.QrFrameDecoder;
import io.branchlink.agent.device.QrScanner;
import io.branchlink.protocol.qr.QrImages;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A camera that "sees" what a customer holds up: {@link #present} renders a QR text with {@code QrImages} into a
 * 1280×720 frame the way a phone screen looks to an ITM camera (a lit background with clutter, the code off-centre,
 * rotated, in perspective, blurred, with sensor noise and a glare patch), and {@link #presentNothing} gives a frame
 * without a code. The distortions are seeded, so a failing frame can be rendered again.
 *
 * @see io.branchlink.sim.device.SimulatedCameraProperties
 */
public final class SimulatedCamera extends AbstractDevice implements QrScanner {

    public static final int WIDTH = 1280;
    public static final int HEIGHT = 720;
    /** How many times the customer re-angles the phone before the camera is left with what it sees. */
    private static final int MAX_TILTS = 10;

    private final BlockingQueue<BufferedImage> frames = new LinkedBlockingQueue<>();
    private final Random seeds;

    public SimulatedCamera(long seed) {
        this.seeds = new Random(seed);
    }

    @Override
    public String component() {
        return "QR_SCANNER";
    }

    /**
     * The customer holds up a phone showing {@code qrText}; the next frame shows it. As a person tilts the phone
     * until the camera reads it, a rendering the agent's decoder cannot read (about 2 in 1,000 distortions) is
     * replaced by another; undecodable frames are shown on purpose with {@link #presentImage}.
     */
    public SimulatedCamera present(String qrText) {
        BufferedImage frame = null;
        for (int attempt = 0; attempt < MAX_TILTS; attempt++) {
            frame = frame(qrText, nextSeed());
            if (QrFrameDecoder.decode(frame).filter(qrText::equals).isPresent()) {
                break;
            }
        }
        frames.add(frame);
        return this;
    }

    private long nextSeed() {
        synchronized (seeds) {
            return seeds.nextLong();
        }
    }

    /** The next frame shows the scene without any code. */
    public SimulatedCamera presentNothing() {
        long seed;
        synchronized (seeds) {
            seed = seeds.nextLong();
        }
        frames.add(frame(null, seed));
        return this;
    }

    /** The next frame is exactly {@code image}, for frames made elsewhere (a photo, a damaged code). */
    public SimulatedCamera presentImage(BufferedImage image) {
        frames.add(image);
        return this;
    }

    @Override
    public FrameResult captureFrame(Duration timeout) {
        var notEnabled = requireEnabled();
        if (notEnabled.isPresent()) {
            return new FrameResult(notEnabled.get(), null);
        }
        try {
            BufferedImage frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return frame == null
                    ? new FrameResult(Outcome.of(CompletionCode.TIMEOUT, "E-NO-FRAME", "nothing shown"), null)
                    : new FrameResult(Outcome.ok(), frame);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FrameResult(Outcome.of(CompletionCode.TIMEOUT, "E-INTERRUPTED", "interrupted"), null);
        }
    }

    /**
     * Renders one camera frame.
     *
     * @param qrText the code's text, or {@code null} for a frame without a code
     */
    public static BufferedImage frame(String qrText, long seed) {
        Random r = new Random(seed);
        BufferedImage frame = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        int base = 90 + r.nextInt(60);
        g.setPaint(new GradientPaint(0, 0, new Color(base, base - 10, base - 25), WIDTH, HEIGHT,
                new Color(base + 50, base + 45, base + 35)));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        for (int i = 0; i < 6; i++) {
            int shade = 70 + r.nextInt(110);
            g.setColor(new Color(shade, shade - 5, shade - 12));
            g.fillRoundRect(r.nextInt(WIDTH), r.nextInt(HEIGHT), 60 + r.nextInt(300), 40 + r.nextInt(200), 30, 30);
        }
        if (qrText != null) {
            drawPhone(frame, g, qrText, r);
        }
        g.dispose();
        BufferedImage blurred = blur(frame, r);
        addNoise(blurred, r);
        return blurred;
    }

    private static void drawPhone(BufferedImage frame, Graphics2D g, String text, Random r) {
        int size = 380 + r.nextInt(60);
        BufferedImage code = QrImages.toImage(text, size);
        int side = code.getWidth();
        double cx = side / 2.0 + 60 + r.nextInt(WIDTH - side - 120);
        double cy = side / 2.0 + 40 + r.nextInt(HEIGHT - side - 80);
        double angle = Math.toRadians(-10 + r.nextDouble() * 20);
        double keystone = 0.02 + r.nextDouble() * 0.05;
        double[][] corners = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
        double[] xs = new double[4];
        double[] ys = new double[4];
        for (int i = 0; i < 4; i++) {
            double x = corners[i][0] * side / 2.0 * (corners[i][1] < 0 ? 1 - keystone : 1);
            double y = corners[i][1] * side / 2.0;
            x += (r.nextDouble() - 0.5) * side * 0.02;
            y += (r.nextDouble() - 0.5) * side * 0.02;
            xs[i] = cx + x * Math.cos(angle) - y * Math.sin(angle);
            ys[i] = cy + x * Math.sin(angle) + y * Math.cos(angle);
        }
        // the phone body behind the screen
        g.setColor(new Color(25, 25, 28));
        int[] px = new int[4];
        int[] py = new int[4];
        for (int i = 0; i < 4; i++) {
            px[i] = (int) Math.round(cx + (xs[i] - cx) * 1.12);
            py[i] = (int) Math.round(cy + (ys[i] - cy) * 1.25);
        }
        g.fillPolygon(px, py, 4);
        double[] h = homography(xs, ys, side);
        int minX = (int) Math.max(0, Math.floor(min(xs)));
        int maxX = (int) Math.min(WIDTH - 1, Math.ceil(max(xs)));
        int minY = (int) Math.max(0, Math.floor(min(ys)));
        int maxY = (int) Math.min(HEIGHT - 1, Math.ceil(max(ys)));
        double brightness = 0.82 + r.nextDouble() * 0.15;
        for (int y = minY; y <= maxY; y++) {
            for (int x = minX; x <= maxX; x++) {
                double w = h[6] * x + h[7] * y + 1;
                double u = (h[0] * x + h[1] * y + h[2]) / w;
                double v = (h[3] * x + h[4] * y + h[5]) / w;
                if (u >= 0 && v >= 0 && u < side && v < side) {
                    int lum = (code.getRGB((int) u, (int) v) & 0xFF) > 127 ? (int) (255 * brightness) : 30;
                    frame.setRGB(x, y, (lum << 16) | (lum << 8) | lum);
                }
            }
        }
        // a glare patch off the phone's glass over the data modules (error correction level M covers it)
        double gx = cx + (r.nextDouble() - 0.5) * side * 0.35;
        double gy = cy + (r.nextDouble() - 0.5) * side * 0.35;
        float radius = (float) (side * (0.07 + r.nextDouble() * 0.05));
        int alpha = 45 + r.nextInt(35);
        g.setPaint(new RadialGradientPaint((float) gx, (float) gy, radius, new float[] {0f, 1f},
                new Color[] {new Color(255, 255, 250, alpha), new Color(255, 255, 250, 0)}));
        g.fill(new Ellipse2D.Double(gx - radius, gy - radius, radius * 2, radius * 2));
    }

    /** The projective map from the frame quad (xs, ys) to the code square [0, side)², as 8 coefficients. */
    private static double[] homography(double[] xs, double[] ys, int side) {
        double[] us = {0, side, side, 0};
        double[] vs = {0, 0, side, side};
        double[][] a = new double[8][9];
        for (int i = 0; i < 4; i++) {
            a[2 * i] = new double[] {xs[i], ys[i], 1, 0, 0, 0, -xs[i] * us[i], -ys[i] * us[i], us[i]};
            a[2 * i + 1] = new double[] {0, 0, 0, xs[i], ys[i], 1, -xs[i] * vs[i], -ys[i] * vs[i], vs[i]};
        }
        for (int col = 0; col < 8; col++) {
            int pivot = col;
            for (int row = col + 1; row < 8; row++) {
                if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
                    pivot = row;
                }
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            for (int row = 0; row < 8; row++) {
                if (row != col) {
                    double f = a[row][col] / a[col][col];
                    for (int k = col; k < 9; k++) {
                        a[row][k] -= f * a[col][k];
                    }
                }
            }
        }
        double[] h = new double[8];
        for (int i = 0; i < 8; i++) {
            h[i] = a[i][8] / a[i][i];
        }
        return h;
    }

    private static BufferedImage blur(BufferedImage frame, Random r) {
        float center = 0.4f + r.nextFloat() * 0.3f;
        float side = (1 - center) / 8;
        float[] kernel = {side, side, side, side, center, side, side, side, side};
        return new ConvolveOp(new Kernel(3, 3, kernel), ConvolveOp.EDGE_NO_OP, null).filter(frame, null);
    }

    private static void addNoise(BufferedImage frame, Random r) {
        int amplitude = 8 + r.nextInt(10);
        int[] row = new int[WIDTH];
        for (int y = 0; y < HEIGHT; y++) {
            frame.getRGB(0, y, WIDTH, 1, row, 0, WIDTH);
            for (int x = 0; x < WIDTH; x++) {
                int n = r.nextInt(2 * amplitude + 1) - amplitude;
                int p = row[x];
                row[x] = (clamp(((p >> 16) & 0xFF) + n) << 16) | (clamp(((p >> 8) & 0xFF) + n) << 8)
                        | clamp((p & 0xFF) + n);
            }
            frame.setRGB(0, y, WIDTH, 1, row, 0, WIDTH);
        }
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }

    private static double min(double[] v) {
        return Math.min(Math.min(v[0], v[1]), Math.min(v[2], v[3]));
    }

    private static double max(double[] v) {
        return Math.max(Math.max(v[0], v[1]), Math.max(v[2], v[3]));
    }
}
