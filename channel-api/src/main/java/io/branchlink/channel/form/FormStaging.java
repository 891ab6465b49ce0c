package io.branchlink.channel.form;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchlink.protocol.hubapi.Feed;
import io.branchlink.protocol.hubapi.FeedEvent;
import io.branchlink.protocol.hubapi.FeedEventKind;
import io.branchlink.protocol.hubapi.QueueTicket;
import io.branchlink.protocol.hubapi.StagedForm;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The staging outbox ({@code form_staging_events}): events are written in the caller's transaction, after a
 * per-branch advisory lock that makes a branch's events commit in sequence order, so a hub that has read up to
 * {@code seq} never later finds an event below it. Hubs are woken after the commit ({@link FeedSignals}). A
 * {@code STAGED} event stores its form as the JSON of {@link StagedForm}, the body the feed answers with; a
 * {@code TICKET} event its ticket as the JSON of {@link QueueTicket}, under the ticket's id in place of a token id.
 */
@Component
class FormStaging {

    static final int PAGE = 200;
    private static final Logger log = LoggerFactory.getLogger(FormStaging.class);

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final ApplicationEventPublisher events;

    FormStaging(JdbcClient jdbc, ObjectMapper json, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void staged(StagedForm form) {
        write(form.branchId(), form.tokenId(), FeedEventKind.STAGED, toJson(form), null);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void withdrawn(String branchId, String tokenId) {
        write(branchId, tokenId, FeedEventKind.WITHDRAWN, null, null);
    }

    /** A queue ticket issued at the ticket's branch, or whose forms changed; the hub keeps its place in the queue. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void ticket(QueueTicket ticket) {
        write(ticket.branchId(), ticket.ticketId().replace("-", ""), FeedEventKind.TICKET, null, toJson(ticket));
    }

    /** The branch's events after {@code after}, oldest first, at most {@value #PAGE}. */
    @Transactional(readOnly = true)
    public Feed after(String branchId, long after) {
        List<FeedEvent> found = jdbc.sql("""
                select seq, kind, token_id, form::text as form, ticket::text as ticket from form_staging_events
                 where branch_id = ? and seq > ? order by seq limit ?
                """)
                .params(branchId, after, PAGE)
                .query((rs, n) -> new FeedEvent(rs.getLong("seq"), rs.getString("kind"),
                        rs.getString("token_id"), parse(rs.getString("form"), StagedForm.class),
                        parse(rs.getString("ticket"), QueueTicket.class)))
                .list();
        return new Feed(found, found.isEmpty() ? after : found.get(found.size() - 1).seq());
    }

    private void write(String branchId, String tokenId, FeedEventKind kind, String form, String ticket) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('form-feed:' || ?))").param(branchId).query((rs, n) -> 1)
                .list();
        jdbc.sql("""
                insert into form_staging_events (branch_id, token_id, kind, form, ticket)
                values (?, ?, ?, ?::jsonb, ?::jsonb)
                """)
                .params(branchId, tokenId, kind.name(), form, ticket)
                .update();
        events.publishEvent(new FormFeedChanged(branchId));
        log.info("form feed event branch={} kind={} token={}", branchId, kind, tokenId.substring(0, 8));
    }

    private String toJson(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private <T> T parse(String text, Class<T> type) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored feed event does not read as protocol.hubapi."
                    + type.getSimpleName(), e);
        }
    }
}
