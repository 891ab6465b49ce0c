package io.branchlink.protocol.mqtt;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Print a queue ticket on the branch's queue-ticket machine: the number the customer waits to hear, after the
 * machine read the app's code ({@code qr-scanned}) and channel-api issued (or found) the customer's ticket.
 *
 * @param scanId the scan this ticket answers, so the machine matches it to the customer in front of it
 * @param label the ticket's number as printed and called, such as {@code 007}
 * @param formsStaged how many of the customer's forms wait at the counter
 */
public record PrintTicket(@JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) String commandId,
        @JsonProperty(required = true) String scanId,
        @JsonProperty(required = true) String label,
        @JsonProperty(required = true) int formsStaged,
        @JsonProperty(required = true) Instant issuedAt) implements Command {

    public static final String NAME = "print-ticket";

    public PrintTicket {
        Payloads.schemaVersion(schemaVersion);
        Payloads.commandId(commandId);
        Payloads.text(scanId, "scanId", 64);
        Payloads.text(label, "label", 8);
        if (formsStaged < 0) {
            throw new IllegalArgumentException("formsStaged must not be negative");
        }
        Payloads.required(issuedAt, "issuedAt");
    }

    public static PrintTicket of(String commandId, String scanId, String label, int formsStaged, Instant issuedAt) {
        return new PrintTicket(MqttJson.SCHEMA_VERSION, commandId, scanId, label, formsStaged, issuedAt);
    }
}
