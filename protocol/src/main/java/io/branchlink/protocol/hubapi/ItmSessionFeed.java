package io.branchlink.protocol.hubapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** One answer of the ITM session feed: the authorisations after the cursor sent, and the last sequence number. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ItmSessionFeed(List<ItmAuthorisation> events, long last) {

    public ItmSessionFeed {
        events = events == null ? List.of() : List.copyOf(events);
    }
}
