package io.branchlink.channel.terminal;

import io.branchlink.channel.cardless.TokenKeys;
import io.branchlink.channel.hubaccess.HubPrincipal;
import io.branchlink.channel.terminal.internal.Terminal;
import io.branchlink.channel.terminal.internal.Terminals;
import io.branchlink.protocol.hubapi.Decision;
import io.branchlink.protocol.hubapi.DepositRequest;
import io.branchlink.protocol.hubapi.HubApiPaths;
import io.branchlink.protocol.hubapi.ReversalRequest;
import io.branchlink.protocol.hubapi.WithdrawalRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Calls for branch hubs about their terminals. Decisions on terminal transactions are answers, not errors: they come
 * back with status 200 and an {@code irc}; a problem detail means the request itself could not be decided. The
 * bodies are the records of {@code protocol.hubapi}; their checks are declared in hubaccess.
 */
@RestController
@RequestMapping(HubApiPaths.PREFIX)
@Tag(name = "Branch hubs")
class TerminalController {

    private final RedeemWithdrawal withdrawals;
    private final CreditDeposit deposits;
    private final ReverseTransaction reversals;
    private final TokenKeys keys;
    private final Terminals terminals;

    TerminalController(RedeemWithdrawal withdrawals, CreditDeposit deposits, ReverseTransaction reversals,
            TokenKeys keys, Terminals terminals) {
        this.withdrawals = withdrawals;
        this.deposits = deposits;
        this.reversals = reversals;
        this.keys = keys;
        this.terminals = terminals;
    }

    @PostMapping("/withdrawals")
    @Operation(summary = "Redeem a withdrawal token at an ITM (idempotent on terminal, STAN and date)")
    Decision withdraw(@AuthenticationPrincipal HubPrincipal hub,
            @Valid @RequestBody WithdrawalRequest request) {
        return withdrawals.redeem(hub, request);
    }

    @PostMapping("/deposits")
    @Operation(summary = "Credit a cash deposit counted at an ITM (idempotent on terminal, STAN and date)")
    Decision deposit(@AuthenticationPrincipal HubPrincipal hub,
            @Valid @RequestBody DepositRequest request) {
        return deposits.credit(hub, request);
    }

    @PostMapping("/reversals")
    @Operation(summary = "Reverse a withdrawal or deposit, fully or in part (idempotent)")
    Decision reverse(@AuthenticationPrincipal HubPrincipal hub,
            @Valid @RequestBody ReversalRequest request) {
        return reversals.reverse(hub, request);
    }

    @GetMapping("/token-keys")
    @Operation(summary = "The public keys that sign QR tokens, by key id (Base64 X.509)")
    Map<String, String> tokenKeys() {
        return keys.publicKeys();
    }

    @GetMapping("/terminals")
    @Operation(summary = "The terminals of the hub's branch")
    List<Terminal> terminals(@AuthenticationPrincipal HubPrincipal hub) {
        return terminals.ofBranch(hub.branchId());
    }
}
