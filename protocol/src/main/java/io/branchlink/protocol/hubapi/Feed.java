package io.branchlink.protocol.hubapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** One answer of the staging feed: the events after the cursor sent, and the last sequence number. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Feed(List<FeedEvent> events, long last) {

    public Feed {
        events = events == null ? List.of() : List.copyOf(events);
    }
}
