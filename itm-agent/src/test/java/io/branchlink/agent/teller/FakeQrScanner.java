package io.branchlink.agent.teller;

import io.branchlink.agent.device.AbstractDevice;
import io.branchlink.agent.device.CompletionCode;
import io.branchlink.agent.device.Outcome;
import io.branchlink.agent.device.QrScanner;
import io.branchlink.protocol.qr.QrImages;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A scanner whose frames are clean renderings of the texts shown to it, or a hardware failure on demand. */
final class FakeQrScanner extends AbstractDevice implements QrScanner {

    private final BlockingQueue<FrameResult> frames = new LinkedBlockingQueue<>();
    private final AtomicInteger shown = new AtomicInteger();
    private final AtomicInteger taken = new AtomicInteger();
    private volatile int handled;

    @Override
    public String component() {
        return "QR_SCANNER";
    }

    FakeQrScanner show(String text) {
        frames.add(new FrameResult(Outcome.ok(), QrImages.toImage(text, 240)));
        shown.incrementAndGet();
        return this;
    }

    FakeQrScanner showBlank() {
        frames.add(new FrameResult(Outcome.ok(), new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB)));
        shown.incrementAndGet();
        return this;
    }

    FakeQrScanner fail(String errorCode) {
        frames.add(new FrameResult(Outcome.of(CompletionCode.HARDWARE_ERROR, errorCode, "camera failure"), null));
        shown.incrementAndGet();
        return this;
    }

    /** Whether the terminal has finished with every frame shown: its loop came back for the next one. */
    boolean allFramesHandled() {
        return handled == shown.get();
    }

    @Override
    public FrameResult captureFrame(Duration timeout) {
        handled = taken.get();
        var notEnabled = requireEnabled();
        if (notEnabled.isPresent()) {
            return new FrameResult(notEnabled.get(), null);
        }
        try {
            FrameResult next = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (next != null) {
                taken.incrementAndGet();
            }
            return next != null ? next
                    : new FrameResult(Outcome.of(CompletionCode.TIMEOUT, "E-NO-FRAME", "nothing shown"), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FrameResult(Outcome.of(CompletionCode.TIMEOUT, "E-INTERRUPTED", "interrupted"), null);
        }
    }
}
