package io.branchlink.protocol.hubapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * channel-api's answer to an arrival (the app's location, a remote ticket, or a hub's ticket machine): the branch,
 * the forms staged there by this arrival, those that could not be, and the customer's ticket for the day.
 *
 * @param staged the draft ids staged at the branch by this call (empty when they were already there)
 * @param notStaged submitted forms that could not be staged, each with the problem's code
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Arrival(String branchId, String branchName, List<String> staged, List<NotStaged> notStaged,
        QueueTicket ticket) {

    public Arrival {
        staged = staged == null ? List.of() : List.copyOf(staged);
        notStaged = notStaged == null ? List.of() : List.copyOf(notStaged);
    }

    public record NotStaged(String draftId, String code) {
    }
}
