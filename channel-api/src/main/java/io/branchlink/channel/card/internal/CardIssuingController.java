package io.branchlink.channel.card.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators open credit cards (after the bank's own credit decision, which is not part of channel-api): the answer
 * carries the card's processor reference, which the processor is given with the card.
 */
@RestController
@Tag(name = "Operations: credit cards")
class CardIssuingController {

    private final CardService cards;

    CardIssuingController(CardService cards) {
        this.cards = cards;
    }

    @PostMapping("/api/ops/v1/cards")
    @Operation(summary = "Open a credit card for a customer",
            description = "panLast4: the last four digits of the number the processor embossed (the bank keeps"
                    + " nothing more of it). statementDay and dueDay are days of the month, 1 to 28.")
    ResponseEntity<IssuedView> issue(@Valid @RequestBody IssueRequest request) {
        Card card = cards.issue(request.customerId(), request.panLast4(),
                CardController.parse(request.creditLimit(), request.currency()), request.statementDay(),
                request.dueDay());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new IssuedView(CardController.CardView.of(card), card.cardRef()));
    }

    record IssueRequest(@NotNull UUID customerId, @NotBlank @Pattern(regexp = "[0-9]{4}") String panLast4,
            @NotNull BigDecimal creditLimit, @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency,
            @Min(1) @Max(28) int statementDay, @Min(1) @Max(28) int dueDay) {
    }

    record IssuedView(CardController.CardView card, String cardRef) {
    }
}
