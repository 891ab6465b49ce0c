package io.branchlink.channel.transfer.internal;

import io.branchlink.channel.customer.CustomerPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The customer's payees: list, add, remove. */
@RestController
@RequestMapping("/api/v1/payees")
@Tag(name = "Transfers")
class PayeeController {

    static final String ACCOUNT_PATTERN = "[0-9]{8,32}";
    static final String PHONE_PATTERN = "\\+?[0-9]{6,19}";
    static final String BANK_CODE_PATTERN = "[0-9A-Z]{3,12}";
    static final String NAME_PATTERN = "[^\\p{Cntrl}]{1,64}";

    private final Payees payees;

    PayeeController(Payees payees) {
        this.payees = payees;
    }

    @GetMapping
    @Operation(summary = "The customer's payees", description = "trusted: a transfer to the payee succeeded;"
            + " registeredAtCounter: registered by a teller, payable in designated-payees-only mode.")
    List<Views.PayeeView> payees(@AuthenticationPrincipal CustomerPrincipal customer) {
        return payees.list(customer.customerId()).stream().map(Views.PayeeView::of).toList();
    }

    @PostMapping
    @Operation(summary = "Add a payee",
            description = "type ACCOUNT (accountNumber at this bank), PHONE (the registered phone of another"
                    + " customer) or OTHER_BANK (bankCode and accountNumber); name is the holder's name, and at this"
                    + " bank it must be the holder's name as the bank has it (404 otherwise, the same as for no such"
                    + " account). Adding the same payee again answers the one there is (201 either way).")
    ResponseEntity<Views.PayeeView> add(@AuthenticationPrincipal CustomerPrincipal customer,
            @Valid @RequestBody PayeeRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Views.PayeeView.of(payees.add(customer.customerId(), request.payee(), null)));
    }

    @GetMapping("/{payeeId}")
    @Operation(summary = "One payee")
    Views.PayeeView payee(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID payeeId) {
        return Views.PayeeView.of(payees.get(customer.customerId(), payeeId));
    }

    @DeleteMapping("/{payeeId}")
    @Operation(summary = "Remove a payee", description = "A payee registered at the counter is removed at the"
            + " counter (403 ACCESS_DENIED here).")
    ResponseEntity<Void> remove(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID payeeId) {
        payees.remove(customer.customerId(), payeeId, null);
        return ResponseEntity.noContent().build();
    }

    record PayeeRequest(@NotNull @Pattern(regexp = "ACCOUNT|PHONE|OTHER_BANK") String type,
            @Pattern(regexp = ACCOUNT_PATTERN) String accountNumber, @Pattern(regexp = PHONE_PATTERN) String phone,
            @Pattern(regexp = BANK_CODE_PATTERN) String bankCode,
            @NotBlank @Pattern(regexp = NAME_PATTERN) String name) {

        Payees.NewPayee payee() {
            return new Payees.NewPayee(type, accountNumber, phone, bankCode, name);
        }
    }
}
