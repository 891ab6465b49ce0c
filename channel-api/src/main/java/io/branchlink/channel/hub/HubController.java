package io.branchlink.channel.hub;

import io.branchlink.channel.token.TokenKeys;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Calls for branch hubs. Decisions on terminal transactions are answers, not errors: they come back with status
 * 200 and an {@code irc}; a problem detail means the request itself could not be decided.
 */
@RestController
@RequestMapping("/api/hub/v1")
@Tag(name = "Branch hubs")
class HubController {

    private final TerminalTransactionService transactions;
    private final TokenKeys keys;
    private final JdbcClient jdbc;

    HubController(TerminalTransactionService transactions, TokenKeys keys, JdbcClient jdbc) {
        this.transactions = transactions;
        this.keys = keys;
        this.jdbc = jdbc;
    }

    @PostMapping("/withdrawals")
    @Operation(summary = "Redeem a withdrawal token at an ITM (idempotent on terminal, STAN and date)")
    HubApi.Decision withdraw(@AuthenticationPrincipal HubPrincipal hub,
            @Valid @RequestBody HubApi.WithdrawalRequest request) {
        return transactions.withdraw(hub, request);
    }

    @PostMapping("/deposits")
    @Operation(summary = "Credit a cash deposit counted at an ITM (idempotent on terminal, STAN and date)")
    HubApi.Decision deposit(@AuthenticationPrincipal HubPrincipal hub,
            @Valid @RequestBody HubApi.DepositRequest request) {
        return transactions.deposit(hub, request);
    }

    @PostMapping("/reversals")
    @Operation(summary = "Reverse a withdrawal or deposit, fully or in part (idempotent)")
    HubApi.Decision reverse(@AuthenticationPrincipal HubPrincipal hub,
            @Valid @RequestBody HubApi.ReversalRequest request) {
        return transactions.reverse(hub, request);
    }

    @GetMapping("/token-keys")
    @Operation(summary = "The public keys that sign QR tokens, by key id (Base64 X.509)")
    Map<String, String> tokenKeys() {
        return keys.publicKeys();
    }

    @GetMapping("/terminals")
    @Operation(summary = "The terminals of the hub's branch")
    List<TerminalTransactionService.Terminal> terminals(@AuthenticationPrincipal HubPrincipal hub) {
        return jdbc.sql("select id, branch_id, kind, cash_account_id from terminals where branch_id = ? order by id")
                .param(hub.branchId())
                .query(TerminalTransactionService.Terminal.class)
                .list();
    }
}
