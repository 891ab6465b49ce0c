package io.branchlink.channel.transfer.internal;

import io.branchlink.channel.system.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.security.Principal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' transfer calls. Registering a payee and setting the designated-payees-only mode are what a teller does
 * at the counter for a customer in front of them; until the teller system calls channel-api itself, an operator's
 * call (HTTP Basic, {@code /api/ops/**}) stands for the teller, and the operator's name is recorded. Clearing
 * exceptions are listed and resolved here.
 */
@RestController
@RequestMapping("/api/ops/v1")
@Tag(name = "Operations: transfers")
class OpsTransferController {

    private static final Logger log = LoggerFactory.getLogger(OpsTransferController.class);
    private static final String EXCEPTIONS = """
            select x.id, x.transfer_id, x.kind, x.detail, t.customer_id, t.amount, t.currency, x.created_at,
                   x.resolved_at, x.resolved_by, x.resolution
              from clearing_exceptions x join transfers t on t.id = x.transfer_id
            """;

    private final Payees payees;
    private final JdbcClient jdbc;
    private final Clock clock;

    OpsTransferController(Payees payees, JdbcClient jdbc, Clock clock) {
        this.payees = payees;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @PostMapping("/customers/{customerId}/payees")
    @Operation(summary = "Register a payee at the counter", description = "As the customer's own payee request;"
            + " the payee is registeredAtCounter (payable in designated-payees-only mode). An existing payee with the"
            + " same account becomes registered at the counter.")
    ResponseEntity<Views.PayeeView> register(Principal operator, @PathVariable UUID customerId,
            @Valid @RequestBody PayeeController.PayeeRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Views.PayeeView.of(payees.add(customerId, request.payee(), operator.getName())));
    }

    @DeleteMapping("/customers/{customerId}/payees/{payeeId}")
    @Operation(summary = "Remove a payee at the counter")
    ResponseEntity<Void> remove(Principal operator, @PathVariable UUID customerId, @PathVariable UUID payeeId) {
        payees.remove(customerId, payeeId, operator.getName());
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/customers/{customerId}/transfer-restriction")
    @Operation(summary = "Set or lift designated-payees-only mode", description = "With designatedPayeesOnly true"
            + " the customer's transfers go only to their own accounts and to payees registered at the counter"
            + " (the elder edition); set at the counter with the customer present.")
    @Transactional
    Map<String, Object> restrict(Principal operator, @PathVariable UUID customerId,
            @Valid @RequestBody RestrictionRequest request) {
        if (jdbc.sql("select count(*) from customers where id = ?").param(customerId).query(Integer.class)
                .single() == 0) {
            throw ApiException.notFound("Customer");
        }
        if (request.designatedPayeesOnly()) {
            jdbc.sql("""
                    insert into transfer_restrictions (customer_id, set_by, set_at) values (?, ?, ?)
                    on conflict (customer_id) do nothing
                    """).params(customerId, operator.getName(), Timestamp.from(clock.instant())).update();
        } else {
            jdbc.sql("delete from transfer_restrictions where customer_id = ?").param(customerId).update();
        }
        log.info("transfer restriction customer={} designatedPayeesOnly={} operator={}", customerId,
                request.designatedPayeesOnly(), operator.getName());
        return Map.of("customerId", customerId, "designatedPayeesOnly", request.designatedPayeesOnly());
    }

    @GetMapping("/clearing/exceptions")
    @Operation(summary = "Clearing exceptions", description = "LATE_CONFIRMATION: the clearing system confirmed a"
            + " transfer the bank had refunded (the payee and the payer both have the money);"
            + " REJECTED_AFTER_CONFIRMATION: a rejection after a confirmation. Open ones only unless all=true.")
    List<ExceptionView> exceptions(@RequestParam(defaultValue = "false") boolean all) {
        return jdbc.sql(EXCEPTIONS + " where ? or x.resolved_at is null order by x.id desc limit 200")
                .param(all).query(ExceptionView.class).list();
    }

    @PostMapping("/clearing/exceptions/{id}/resolution")
    @Operation(summary = "Resolve a clearing exception", description = "Records what operations did (for a late"
            + " confirmation: the recall through the clearing system, or the customer's agreement to a re-debit at"
            + " the counter); moves no money. 409 when already resolved.")
    @Transactional
    ExceptionView resolve(Principal operator, @PathVariable long id, @Valid @RequestBody ResolutionRequest request) {
        int updated = jdbc.sql("""
                update clearing_exceptions set resolved_at = ?, resolved_by = ?, resolution = ?
                 where id = ? and resolved_at is null
                """).params(Timestamp.from(clock.instant()), operator.getName(), request.resolution(), id).update();
        ExceptionView view = jdbc.sql(EXCEPTIONS + " where x.id = ?").param(id).query(ExceptionView.class).optional()
                .orElseThrow(() -> ApiException.notFound("Clearing exception"));
        if (updated == 0) {
            throw new ApiException(io.branchlink.protocol.rc.Irc.CONFLICT, "This exception is already resolved.");
        }
        log.info("clearing exception resolved id={} operator={}", id, operator.getName());
        return view;
    }

    record RestrictionRequest(@NotNull Boolean designatedPayeesOnly) {
    }

    record ResolutionRequest(@NotNull @Pattern(regexp = "[^\\p{Cntrl}]{1,200}") String resolution) {
    }

    record ExceptionView(long id, UUID transferId, String kind, String detail, UUID customerId, long amount,
            String currency, Instant createdAt, Instant resolvedAt, String resolvedBy, String resolution) {
    }
}
