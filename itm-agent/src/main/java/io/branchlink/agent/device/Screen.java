package io.branchlink.agent.device;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The customer display with its touch input: it shows one {@link View} at a time and keeps it readable through
 * {@link #current()}, so a web page can mirror the ITM's screen.
 */
public interface Screen extends Device {

    void show(View view);

    /** The view on the screen now. */
    View current();

    /** Shows {@code view} and waits for the customer to confirm or cancel it. */
    Confirmation awaitConfirmation(View view, Duration timeout);

    /** The customer's answer to a confirmation screen. */
    enum Confirmation { CONFIRMED, CANCELLED, TIMED_OUT }

    /**
     * One screen: a stable id (for a web page or tests), the message for the customer and labelled details.
     *
     * @param screenId such as {@code TAKE_CASH} or {@code DECLINED}
     */
    record View(String screenId, String message, Map<String, String> details, Instant at) {
        public View {
            Objects.requireNonNull(screenId, "screenId");
            Objects.requireNonNull(message, "message");
            details = Map.copyOf(Objects.requireNonNull(details, "details"));
            Objects.requireNonNull(at, "at");
        }

        public static View of(String screenId, String message, Map<String, String> details) {
            return new View(screenId, message, details, Instant.now());
        }
    }
}
