package io.branchlink.channel.cardless.internal;

import io.branchlink.channel.cardless.CardlessToken;
import io.branchlink.channel.customer.CustomerPrincipal;
import io.branchlink.channel.risk.RiskLocation;
import io.branchlink.channel.risk.RiskSignals;
import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.qr.QrImages;
import io.branchlink.protocol.rc.Irc;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The mobile app's cardless calls: stage a withdrawal or deposit, show its QR code, check it, cancel it. */
@RestController
@RequestMapping("/api/v1/cardless")
@Tag(name = "Cardless cash")
class CardlessController {

    private static final String TOKEN_ID = "{tokenId:[0-9a-f]{32}}";
    private static final String BRANCH_PATTERN = "[A-Z0-9]{1,16}";
    private static final String STEP_UP_ID_PATTERN = "[A-Za-z0-9_-]{43}";

    private final CardlessService cardless;

    CardlessController(CardlessService cardless) {
        this.cardless = cardless;
    }

    @PostMapping("/withdrawals")
    @Operation(summary = "Stage a cardless withdrawal",
            description = "Places a hold for the amount and returns a one-time QR token to show at an ITM. After the"
                    + " customer's limits the risk engine is asked: 403 RISK_DECLINED (reasons, decisionId) stages"
                    + " nothing; 403 STEP_UP_REQUIRED carries stepUp {id, factors, expiresAt}: pass it at"
                    + " /api/v1/step-ups/{id} and send the same request again with stepUpId. latitude and longitude"
                    + " (optional, together) are the phone's position; rooted and emulator (optional) what the app"
                    + " found about the phone's integrity.")
    ResponseEntity<StagedView> stageWithdrawal(@AuthenticationPrincipal CustomerPrincipal customer,
            @Valid @RequestBody WithdrawalRequest request) {
        Money amount = parse(request.amount(), request.currency());
        return created(cardless.stageWithdrawal(customer, request.accountId(), amount, request.branchId(),
                position(request.latitude(), request.longitude()),
                RiskSignals.device(request.rooted(), request.emulator()), request.stepUpId()));
    }

    @PostMapping("/deposits")
    @Operation(summary = "Stage a cardless deposit", description = "Returns a one-time QR token; the ITM counts the"
            + " cash. The risk engine is asked as for a withdrawal (stepUpId, latitude, longitude, rooted, emulator"
            + " likewise).")
    ResponseEntity<StagedView> stageDeposit(@AuthenticationPrincipal CustomerPrincipal customer,
            @Valid @RequestBody DepositRequest request) {
        return created(cardless.stageDeposit(customer, request.accountId(), request.branchId(),
                position(request.latitude(), request.longitude()),
                RiskSignals.device(request.rooted(), request.emulator()), request.stepUpId()));
    }

    @GetMapping("/tokens")
    @Operation(summary = "The customer's recent cardless tokens")
    List<TokenView> recent(@AuthenticationPrincipal CustomerPrincipal customer) {
        return cardless.recent(customer).stream().map(TokenView::of).toList();
    }

    @GetMapping("/tokens/" + TOKEN_ID)
    @Operation(summary = "A cardless token's status")
    TokenView token(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable String tokenId) {
        return TokenView.of(cardless.find(customer, tokenId));
    }

    @GetMapping(value = "/tokens/" + TOKEN_ID + "/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    @Operation(summary = "The token's QR code as a PNG")
    ResponseEntity<byte[]> png(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable String tokenId,
            @RequestParam(defaultValue = "360") @Min(120) @Max(1200) int size) {
        return ResponseEntity.ok()
                .contentType(MediaType.IMAGE_PNG)
                .cacheControl(CacheControl.noStore())
                .body(QrImages.toPng(cardless.text(customer, tokenId), size));
    }

    @GetMapping(value = "/tokens/" + TOKEN_ID + "/qr.svg", produces = "image/svg+xml")
    @Operation(summary = "The token's QR code as an SVG")
    ResponseEntity<String> svg(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable String tokenId) {
        return ResponseEntity.ok()
                .contentType(MediaType.valueOf("image/svg+xml"))
                .cacheControl(CacheControl.noStore())
                .body(QrImages.toSvg(cardless.text(customer, tokenId)));
    }

    @DeleteMapping("/tokens/" + TOKEN_ID)
    @Operation(summary = "Cancel a token and release its hold")
    TokenView cancel(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable String tokenId) {
        return TokenView.of(cardless.cancel(customer, tokenId));
    }

    private static ResponseEntity<StagedView> created(CardlessService.Staged staged) {
        String id = staged.claims().tokenIdHex();
        return ResponseEntity.status(HttpStatus.CREATED)
                .cacheControl(CacheControl.noStore())
                .body(new StagedView(id, staged.claims().type().name(), staged.text(),
                        staged.claims().amount() == null ? null : staged.claims().amount().toDecimal(),
                        staged.claims().amount() == null ? null : staged.claims().amount().currencyCode(),
                        staged.claims().branchId(), staged.claims().expiresAt(),
                        "/api/v1/cardless/tokens/" + id + "/qr.png", "/api/v1/cardless/tokens/" + id + "/qr.svg"));
    }

    private static RiskLocation position(Double latitude, Double longitude) {
        if ((latitude == null) != (longitude == null)) {
            throw new ApiException(Irc.FORMAT_ERROR, "latitude and longitude come together.");
        }
        return latitude == null ? null : new RiskLocation(latitude, longitude, null);
    }

    private static Money parse(BigDecimal amount, String currency) {
        try {
            return Money.of(amount, currency);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ApiException(Irc.INVALID_AMOUNT, "The amount is not valid in " + currency + ".");
        }
    }

    /**
     * @param latitude the phone's latitude in degrees, with longitude, or null
     * @param stepUpId a step-up passed for this same request after a 403 STEP_UP_REQUIRED, or null
     * @param rooted the app found the phone rooted or jailbroken, or null when it did not check
     * @param emulator the app found itself on an emulator, or null when it did not check
     */
    record WithdrawalRequest(@NotNull UUID accountId, @NotNull BigDecimal amount,
            @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency, @Pattern(regexp = BRANCH_PATTERN) String branchId,
            @DecimalMin("-90") @DecimalMax("90") Double latitude, @DecimalMin("-180") @DecimalMax("180") Double longitude,
            @Pattern(regexp = STEP_UP_ID_PATTERN) String stepUpId, Boolean rooted, Boolean emulator) {
    }

    record DepositRequest(@NotNull UUID accountId, @Pattern(regexp = BRANCH_PATTERN) String branchId,
            @DecimalMin("-90") @DecimalMax("90") Double latitude, @DecimalMin("-180") @DecimalMax("180") Double longitude,
            @Pattern(regexp = STEP_UP_ID_PATTERN) String stepUpId, Boolean rooted, Boolean emulator) {
    }

    /** The staged token; {@code token} is the QR text and, like cash, must not be shared or logged. */
    record StagedView(String tokenId, String type, String token, BigDecimal amount, String currency, String branchId,
            Instant expiresAt, String qrPng, String qrSvg) {

        @Override
        public String toString() {
            return "StagedView[" + type + " " + tokenId.substring(0, 8) + "]";
        }
    }

    record TokenView(String tokenId, String type, String status, BigDecimal amount, String currency, String branchId,
            Instant expiresAt, Instant createdAt, Instant closedAt) {

        static TokenView of(CardlessToken token) {
            return new TokenView(token.tokenId(), token.type(), token.status().name(),
                    token.amount() == null ? null : Money.ofMinor(token.amount(), token.currency()).toDecimal(),
                    token.currency(), token.branchId(), token.expiresAt(), token.createdAt(), token.closedAt());
        }
    }
}
