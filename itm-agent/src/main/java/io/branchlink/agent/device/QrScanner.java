package io.branchlink.agent.device;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Objects;

/**
 * The QR scanner (XFS BCR, here a camera): it yields raw frames and the agent decodes them with {@code
 * io.branchlink.protocol.qr.QrImages}, so the camera needs no barcode firmware and every decode is the same code.
 */
public interface QrScanner extends Device {

    /** The next frame, waiting at most {@code timeout}; {@code TIMEOUT} with no frame when nothing came. */
    FrameResult captureFrame(Duration timeout);

    /** A frame, or an outcome saying why there is none ({@code frame} is then {@code null}). */
    record FrameResult(Outcome outcome, BufferedImage frame) {
        public FrameResult {
            Objects.requireNonNull(outcome, "outcome");
        }
    }
}
