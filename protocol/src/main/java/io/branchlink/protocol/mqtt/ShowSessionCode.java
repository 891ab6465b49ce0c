package io.branchlink.protocol.mqtt;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Show this session code as a QR code on the idle screen (and when the customer presses "cardless") until
 * {@code expiresAt}; a newer code replaces it. {@code code} is a signed {@code ITM_SESSION} token
 * (docs/protocols/qr-token.md), which a phone scans and claims.
 */
public record ShowSessionCode(@JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) String commandId,
        @JsonProperty(required = true) String sessionId,
        @JsonProperty(required = true) String code,
        @JsonProperty(required = true) Instant expiresAt,
        @JsonProperty(required = true) Instant issuedAt) implements Command {

    public static final String NAME = "show-session-code";

    static final Pattern SESSION_ID = Pattern.compile("[0-9a-f]{32}");

    public ShowSessionCode {
        Payloads.schemaVersion(schemaVersion);
        Payloads.commandId(commandId);
        Payloads.sessionId(sessionId);
        Payloads.text(code, "code", 400);
        Payloads.required(expiresAt, "expiresAt");
        Payloads.required(issuedAt, "issuedAt");
    }

    public static ShowSessionCode of(String commandId, String sessionId, String code, Instant expiresAt,
            Instant issuedAt) {
        return new ShowSessionCode(MqttJson.SCHEMA_VERSION, commandId, sessionId, code, expiresAt, issuedAt);
    }

    @Override
    public String toString() {
        return "ShowSessionCode[commandId=" + commandId + ", session=" + sessionId.substring(0, 8) + "…, expiresAt="
                + expiresAt + "]";
    }
}
