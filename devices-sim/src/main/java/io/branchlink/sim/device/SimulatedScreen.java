package io.branchlink.sim.device;

import io.branchlink.agent.device.AbstractDevice;
import io.branchlink.agent.device.Screen;
import io.branchlink.protocol.qr.QrImages;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A screen that records every view shown and exposes the current one (for a web page mirroring the ITM), with the
 * customer's answers to confirmation screens scripted; unscripted confirmations are confirmed.
 */
public final class SimulatedScreen extends AbstractDevice implements Screen {

    private final List<View> history = new ArrayList<>();
    private final Deque<Confirmation> answers = new ArrayDeque<>();
    private View current = new View("OFF", "", Map.of(), Instant.EPOCH);

    @Override
    public String component() {
        return "SCREEN";
    }

    /** The customer's next answers to confirmation screens, in order. */
    public synchronized SimulatedScreen answer(Confirmation... next) {
        answers.addAll(List.of(next));
        return this;
    }

    @Override
    public synchronized void show(View view) {
        current = view;
        history.add(view);
    }

    @Override
    public synchronized View current() {
        return current;
    }

    @Override
    public synchronized Confirmation awaitConfirmation(View view, Duration timeout) {
        show(view);
        return answers.isEmpty() ? Confirmation.CONFIRMED : answers.poll();
    }

    /**
     * The QR code the screen draws for the session code it shows (detail {@code sessionCode}), as a phone's camera
     * sees it; empty when the current view shows none.
     */
    public synchronized Optional<BufferedImage> qrImage() {
        String code = current.details().get("sessionCode");
        return code == null ? Optional.empty()
                : Optional.of(QrImages.toImage(code, 360));
    }

    public synchronized List<View> history() {
        return List.copyOf(history);
    }

    /** The screen ids shown, oldest first. */
    public synchronized List<String> screenIds() {
        return history.stream().map(View::screenId).toList();
    }
}
