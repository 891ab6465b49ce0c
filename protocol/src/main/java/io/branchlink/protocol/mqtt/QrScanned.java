package io.branchlink.protocol.mqtt;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A teller terminal's scanner read a QR code. The text is passed on as read: the hub decides what it is (a FORM
 * token, another kind of token, or something else) and shows the outcome on the teller console. The text is a
 * one-time credential: readers never log it.
 *
 * @param scanId unique per scan, so a QoS 1 duplicate is handled once
 * @param text the characters the QR code carries, at most {@value #MAX_TEXT} of them
 */
public record QrScanned(@JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) String scanId,
        @JsonProperty(required = true) String text,
        @JsonProperty(required = true) Instant at) implements DeviceEvent {

    public static final String TYPE = "qr-scanned";

    /** A QR code of version 40 holds at most 4,296 alphanumeric characters. */
    public static final int MAX_TEXT = 4296;

    public QrScanned {
        Payloads.schemaVersion(schemaVersion);
        Payloads.commandId(scanId);
        Payloads.text(text, "text", MAX_TEXT);
        Payloads.required(at, "at");
    }

    public static QrScanned of(String scanId, String text, Instant at) {
        return new QrScanned(MqttJson.SCHEMA_VERSION, scanId, text, at);
    }

    @Override
    public String eventType() {
        return TYPE;
    }

    /** Never prints the scanned text, which may be a live token. */
    @Override
    public String toString() {
        return "QrScanned[scanId=" + scanId + ", chars=" + text.length() + ", at=" + at + "]";
    }
}
