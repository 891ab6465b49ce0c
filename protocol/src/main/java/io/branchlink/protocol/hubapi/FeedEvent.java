package io.branchlink.protocol.hubapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One event of a branch's staging feed.
 *
 * @param kind a {@link FeedEventKind} name; a hub skips kinds it does not know
 * @param form the staged form of a {@code STAGED} event, else {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeedEvent(long seq, String kind, String tokenId, StagedForm form) {

    public boolean is(FeedEventKind other) {
        return other.name().equals(kind);
    }
}
