package io.branchlink.channel.form;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchlink.channel.hubaccess.HubPrincipal;
import io.branchlink.protocol.hubapi.DecidedExecution;
import io.branchlink.protocol.hubapi.Execution;
import io.branchlink.protocol.hubapi.ExecutionRequest;
import io.branchlink.protocol.hubapi.VoucherCopy;
import io.branchlink.protocol.hubapi.HubProblemCode;
import io.branchlink.protocol.rc.Irc;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads teller decisions back from {@code form_executions}: every answer to a confirmation, the first included, is
 * read from what was stored (with the voucher's PDF), so a retry gets exactly the same one.
 */
@Component
class ExecutionAnswers {

    private static final String STORED = """
            select e.confirmation_id, e.draft_id, e.outcome, e.message, e.result::text as result, e.decided_at,
                   e.voucher_reference, e.teller_id, f.token_id, f.branch_id
              from form_executions e join form_drafts f on f.id = e.draft_id
            """;

    private final JdbcClient jdbc;
    private final VoucherArchive vouchers;
    private final ObjectMapper json;

    ExecutionAnswers(JdbcClient jdbc, VoucherArchive vouchers, ObjectMapper json) {
        this.jdbc = jdbc;
        this.vouchers = vouchers;
        this.json = json;
    }

    /** The answer stored for this confirmation id; the id names one form only. */
    Optional<Execution> stored(HubPrincipal hub, ExecutionRequest request) {
        return jdbc.sql(STORED + " where e.confirmation_id = ?")
                .param(request.confirmationId())
                .query(StoredExecution.class)
                .optional()
                .map(stored -> {
                    if (!stored.tokenId().equals(request.tokenId()) || !stored.branchId().equals(hub.branchId())) {
                        throw FormProblems.of(Irc.CONFLICT, HubProblemCode.CONFIRMATION_REUSED,
                                "This confirmation id was used for another form.");
                    }
                    return answer(stored);
                });
    }

    /** The decision on the form, which a later confirmation is refused with (the problem's {@code existing}). */
    Optional<DecidedExecution> existing(UUID draftId) {
        return jdbc.sql(STORED + " where e.draft_id = ?")
                .param(draftId)
                .query(StoredExecution.class)
                .optional()
                .map(existing -> new DecidedExecution(existing.confirmationId(), existing.outcome(),
                        existing.message(), read(existing.result()), existing.tellerId(), existing.decidedAt(),
                        existing.voucherReference()));
    }

    private Execution answer(StoredExecution stored) {
        VoucherCopy voucher = stored.voucherReference() == null ? null : vouchers
                .find(stored.voucherReference())
                .map(v -> new VoucherCopy(v.reference(), v.contentHash(), v.pdf()))
                .orElse(null);
        return new Execution(stored.confirmationId(), stored.draftId().toString(), stored.outcome(),
                stored.message(), read(stored.result()), stored.decidedAt(), voucher);
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private record StoredExecution(String confirmationId, UUID draftId, String outcome, String message, String result,
            Instant decidedAt, String voucherReference, String tellerId, String tokenId, String branchId) {
    }
}
