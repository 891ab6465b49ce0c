package io.branchlink.protocol.hubapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One event of a branch's staging feed.
 *
 * @param kind a {@link FeedEventKind} name; a hub skips kinds it does not know
 * @param form the staged form of a {@code STAGED} event, else {@code null}
 * @param ticket the queue ticket of a {@code TICKET} event (then {@code tokenId} is the ticket's id), else
 *     {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeedEvent(long seq, String kind, String tokenId, StagedForm form, QueueTicket ticket) {

    /** A form event ({@code STAGED} or {@code WITHDRAWN}). */
    public FeedEvent(long seq, String kind, String tokenId, StagedForm form) {
        this(seq, kind, tokenId, form, null);
    }

    public boolean is(FeedEventKind other) {
        return other.name().equals(kind);
    }
}
