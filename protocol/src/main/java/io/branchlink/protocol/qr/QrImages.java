package io.branchlink.protocol.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders text as a QR code (PNG, SVG or an image) and reads QR codes back from images, with ZXing. Codes use
 * error-correction level M and a quiet zone of four modules, as ISO/IEC 18004 asks.
 *
 * @see io.branchlink.protocol.qr.QrImagesTests
 */
public final class QrImages {

    public static final ErrorCorrectionLevel ERROR_CORRECTION = ErrorCorrectionLevel.M;
    private static final int QUIET_ZONE_MODULES = 4;

    private QrImages() {
    }

    /** The QR symbol version (1 to 40) that {@code text} needs at level M. */
    public static int symbolVersion(String text) {
        try {
            return Encoder.encode(text, ERROR_CORRECTION, encodeHints()).getVersion().getVersionNumber();
        } catch (WriterException e) {
            throw new IllegalArgumentException("text does not fit a QR code", e);
        }
    }

    public static BufferedImage toImage(String text, int sizePixels) {
        return MatrixToImageWriter.toBufferedImage(matrix(text, sizePixels));
    }

    public static byte[] toPng(String text, int sizePixels) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            MatrixToImageWriter.writeToStream(matrix(text, sizePixels), "PNG", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An SVG with one path of unit squares, one per dark module, scaled by the viewer. */
    public static String toSvg(String text) {
        BitMatrix modules = matrix(text, 0);
        int width = modules.getWidth();
        int height = modules.getHeight();
        StringBuilder path = new StringBuilder(width * height * 4);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (modules.get(x, y)) {
                    path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + width + " " + height
                + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }

    /**
     * Finds and decodes one QR code in an image, such as a camera frame.
     *
     * @return the text, or empty when no readable QR code is in the image
     */
    public static Optional<String> decode(BufferedImage image) {
        LuminanceSource source = new BufferedImageLuminanceSource(image);
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(source));
        Optional<String> found = decode(bitmap, false);
        return found.isPresent() ? found : decode(bitmap, true);
    }

    /**
     * One attempt; the second, with {@code PURE_BARCODE}, reads a clean rendered code (a phone screen, a PNG) whose
     * finder patterns the general detector occasionally misjudges.
     */
    private static Optional<String> decode(BinaryBitmap bitmap, boolean pure) {
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        if (pure) {
            hints.put(DecodeHintType.PURE_BARCODE, Boolean.TRUE);
        }
        try {
            return Optional.of(new QRCodeReader().decode(bitmap, hints).getText());
        } catch (ReaderException e) {
            return Optional.empty();
        }
    }

    private static BitMatrix matrix(String text, int sizePixels) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, sizePixels, sizePixels, encodeHints());
        } catch (WriterException e) {
            throw new IllegalArgumentException("text does not fit a QR code", e);
        }
    }

    private static Map<EncodeHintType, Object> encodeHints() {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ERROR_CORRECTION);
        hints.put(EncodeHintType.MARGIN, QUIET_ZONE_MODULES);
        return hints;
    }
}
