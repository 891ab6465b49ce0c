package io.branchlink.hub.iso8583;

import io.branchlink.protocol.iso8583.MacKey;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The MAC key of each terminal this hub serves, read once from configuration. */
@Component
class TerminalKeys {

    private final Map<String, MacKey> keys;

    TerminalKeys(IsoProperties properties) {
        this.keys = properties.terminals().entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> MacKey.fromHex(e.getValue())));
    }

    Optional<MacKey> find(String terminalId) {
        return Optional.ofNullable(keys.get(terminalId));
    }
}
