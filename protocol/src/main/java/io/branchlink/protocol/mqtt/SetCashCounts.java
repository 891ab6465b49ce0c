package io.branchlink.protocol.mqtt;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;

/**
 * Set the note counts of the ITM's cash units to what the branch counted (reconciliation), once any customer
 * session in progress ends; the ITM answers with {@code cash-units-changed} and its state. Units not listed keep
 * their counts; a unit the ITM does not have is ignored.
 *
 * @param counts one entry per counted unit, each unit at most once (1-16 entries)
 */
public record SetCashCounts(@JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) String commandId,
        @JsonProperty(required = true) List<Count> counts,
        @JsonProperty(required = true) Instant issuedAt) implements Command {

    public static final String NAME = "set-cash-counts";
    public static final int MAX_UNITS = 16;
    /** More notes than any cassette holds. */
    public static final int MAX_COUNT = 100_000;

    public SetCashCounts {
        Payloads.schemaVersion(schemaVersion);
        Payloads.commandId(commandId);
        Payloads.required(counts, "counts");
        counts = List.copyOf(counts);
        if (counts.isEmpty() || counts.size() > MAX_UNITS) {
            throw new IllegalArgumentException("counts must list 1-" + MAX_UNITS + " units");
        }
        if (counts.stream().map(Count::unitId).collect(java.util.stream.Collectors.toCollection(HashSet::new))
                .size() != counts.size()) {
            throw new IllegalArgumentException("counts must list each unit once");
        }
        Payloads.required(issuedAt, "issuedAt");
    }

    public static SetCashCounts of(String commandId, List<Count> counts, Instant issuedAt) {
        return new SetCashCounts(MqttJson.SCHEMA_VERSION, commandId, counts, issuedAt);
    }

    /** The counted notes of one cash unit. */
    public record Count(@JsonProperty(required = true) String unitId,
            @JsonProperty(required = true) int count) {

        public Count {
            Payloads.text(unitId, "unitId", 32);
            if (count < 0 || count > MAX_COUNT) {
                throw new IllegalArgumentException("count must be 0-" + MAX_COUNT);
            }
        }
    }
}
