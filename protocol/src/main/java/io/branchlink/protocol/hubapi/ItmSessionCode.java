package io.branchlink.protocol.hubapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A session code minted for one ITM: the signed {@code ITM_SESSION} token text the ITM shows as a QR code.
 *
 * @param sessionId the token id of the code (32 hex digits), which names the session in channel-api
 * @param code the token text; like cash it is not logged
 * @param expiresAt after this the code can no longer be claimed; the hub shows a new one before
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ItmSessionCode(String sessionId, String terminalId, String code, Instant expiresAt) {

    @Override
    public String toString() {
        return "ItmSessionCode[" + terminalId + " " + sessionId.substring(0, 8) + " until " + expiresAt + "]";
    }
}
