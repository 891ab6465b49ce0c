package io.branchlink.protocol.qr;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.protocol.money.Money;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QrImagesTests {

    private static final String TOKEN = QrTokenCodec.encode(new QrToken(1, TokenType.WITHDRAWAL, "K1",
            TestKeys.tokenId(7), TestKeys.NOW, Money.parse("1000.00", "CNY"), "BR001"), TestKeys.K1.getPrivate());

    @Test
    void pngDecodesBackToTheSameText() throws IOException {
        byte[] png = QrImages.toPng(TOKEN, 300);

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));

        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(image.getWidth()).isEqualTo(300);
        assertThat(QrImages.decode(image)).contains(TOKEN);
    }

    @Test
    void readsBackEveryServedTokenPngNotJustMost() throws IOException {
        Random random = new Random(1);
        for (int i = 0; i < 500; i++) {
            byte[] id = new byte[QrToken.TOKEN_ID_BYTES];
            random.nextBytes(id);
            String token = QrTokenCodec.encode(new QrToken(1, TokenType.WITHDRAWAL, "K1", id, TestKeys.NOW,
                    Money.ofMinor(100_00L * (1 + random.nextInt(50)), "CNY"), "BR001"), TestKeys.K1.getPrivate());

            BufferedImage served = ImageIO.read(new ByteArrayInputStream(QrImages.toPng(token, 360)));

            assertThat(QrImages.decode(served)).as("token %d", i).contains(token);
        }
    }

    @Test
    void decodesACodePlacedOffCentreInALargerFrame() {
        BufferedImage frame = new BufferedImage(1280, 720, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setColor(new Color(200, 190, 180));
        g.fillRect(0, 0, 1280, 720);
        g.drawImage(QrImages.toImage(TOKEN, 320), 700, 150, null);
        g.dispose();

        assertThat(QrImages.decode(frame)).contains(TOKEN);
    }

    @Test
    void findsNothingInAnImageWithoutACode() {
        BufferedImage noise = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < noise.getHeight(); y++) {
            for (int x = 0; x < noise.getWidth(); x++) {
                noise.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }

        assertThat(QrImages.decode(noise)).isEmpty();
    }

    @Test
    void svgHasOneSquarePerDarkModuleInsideAQuietZone() {
        String svg = QrImages.toSvg("HELLO");

        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 29 29\"")
                .contains("<path fill=\"#000\" d=\"M4 4h1v1h-1z")
                .endsWith("</svg>");
    }
}
