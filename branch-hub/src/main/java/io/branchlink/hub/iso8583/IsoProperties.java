package io.branchlink.hub.iso8583;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The ISO 8583 server and the terminals it serves.
 *
 * @param bindAddress the interface to listen on
 * @param port the TCP port, 8583 by default
 * @param maxMessageLength the longest message accepted; a longer length prefix closes the connection unread
 * @param terminals terminal id to its AES-128 MAC key (32 hex digits); a terminal not listed is refused
 */
@ConfigurationProperties("branchlink.hub.iso8583")
record IsoProperties(@DefaultValue("127.0.0.1") String bindAddress, @DefaultValue("8583") int port,
        @DefaultValue("4096") int maxMessageLength, @DefaultValue Map<String, String> terminals) {
}
