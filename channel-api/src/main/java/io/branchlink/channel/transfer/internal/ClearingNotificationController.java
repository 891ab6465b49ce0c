package io.branchlink.channel.transfer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchlink.channel.clearing.ClearingSystem;
import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.rc.Irc;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The clearing system's notifications of a payment's outcome: authenticated by an HMAC signature over the exact
 * bytes received (docs/transfers.md, "The clearing contract"), then acted on once per notification id; a repeat,
 * or a second notification of a transfer already final, answers 200 and changes nothing.
 */
@RestController
@RequestMapping("/api/clearing/v1")
@Tag(name = "Clearing system")
class ClearingNotificationController {

    private static final Logger log = LoggerFactory.getLogger(ClearingNotificationController.class);
    private static final Pattern NOTIFICATION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_BODY = 4096;

    private final ClearingSystem clearing;
    private final TransferBooks books;
    private final ObjectMapper json;
    private final MeterRegistry meters;

    ClearingNotificationController(ClearingSystem clearing, TransferBooks books, ObjectMapper json,
            MeterRegistry meters) {
        this.clearing = clearing;
        this.books = books;
        this.json = json;
        this.meters = meters;
    }

    @PostMapping("/notifications")
    @Operation(summary = "The clearing system notifies a payment's outcome",
            description = "Called by the clearing system, not by customers: body {notificationId, paymentId, status"
                    + " CONFIRMED|REJECTED, reason}, headers X-Clearing-Timestamp (epoch seconds) and"
                    + " X-Clearing-Signature (v1= hex HMAC-SHA256 of timestamp + '.' + body under the shared"
                    + " secret). 401 for a missing, wrong or stale signature; 404 for an unknown payment; 200 with the"
                    + " transfer's state otherwise, also for a repeated notification.")
    Map<String, Object> notify(
            @RequestHeader(name = ClearingSystem.TIMESTAMP_HEADER, required = false) String timestamp,
            @RequestHeader(name = ClearingSystem.SIGNATURE_HEADER, required = false) String signature,
            @RequestBody byte[] body) {
        if (body.length > MAX_BODY || !clearing.authentic(timestamp, body, signature)) {
            throw refused(Irc.UNAUTHENTICATED, "signature", "The notification's signature is missing or wrong.");
        }
        JsonNode notification;
        try {
            notification = json.readTree(body);
        } catch (IOException e) {
            throw refused(Irc.FORMAT_ERROR, "body", "The notification is not valid JSON.");
        }
        String notificationId = notification.path("notificationId").asText("");
        String status = notification.path("status").asText("");
        UUID paymentId;
        try {
            paymentId = UUID.fromString(notification.path("paymentId").asText(""));
        } catch (IllegalArgumentException e) {
            throw refused(Irc.FORMAT_ERROR, "body", "paymentId is not a payment id of this bank.");
        }
        if (!NOTIFICATION_ID.matcher(notificationId).matches()
                || !(status.equals("CONFIRMED") || status.equals("REJECTED"))) {
            throw refused(Irc.FORMAT_ERROR, "body", "notificationId and status (CONFIRMED or REJECTED) are required.");
        }
        if (books.interbankState(paymentId) == null) {
            throw refused(Irc.NOT_FOUND, "unknown-payment", "Payment not found");
        }
        String reason = notification.path("reason").asText(null);
        boolean first = books.notified(notificationId, paymentId, status, reason);
        log.info("clearing notification transfer={} status={} repeated={}", paymentId, status, !first);
        return Map.of("paymentId", paymentId, "state", books.interbankState(paymentId), "repeated", !first);
    }

    private ApiException refused(Irc irc, String reason, String detail) {
        log.info("clearing notification refused irc={} reason={}", irc, reason);
        meters.counter("branchlink.channel.clearing.notifications.refused", "reason", reason).increment();
        return new ApiException(irc, detail);
    }
}
