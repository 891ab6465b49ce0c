package io.branchlink.channel.cashbooking.internal;

import io.branchlink.channel.cashbooking.CashBooking;
import io.branchlink.channel.customer.CustomerPrincipal;
import io.branchlink.channel.risk.RiskSignals;
import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.qr.QrImages;
import io.branchlink.protocol.rc.Irc;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
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

/** The app's large-cash bookings: book, list, show one with its code for the counter, cancel before the day. */
@RestController
@RequestMapping("/api/v1/cash-bookings")
@Tag(name = "Large-cash bookings")
class CashBookingController {

    private final CashBookingService bookings;

    CashBookingController(CashBookingService bookings) {
        this.bookings = bookings;
    }

    @PostMapping
    @Operation(summary = "Book a large cash withdrawal at a branch",
            description = "Reserves the amount on the account (a hold) until the end of the booked day. amount from"
                    + " the counter form's threshold (50,000 CNY) to its maximum, in whole notes of the denomination"
                    + " (CNY100, the default: multiples of 100; MIXED: whole yuan); date from tomorrow up to 30 days"
                    + " ahead; branchId an existing branch. Idempotent on requestId: the same requestId with the same"
                    + " booking answers the first booking, with another booking 409 DUPLICATE. The risk engine is"
                    + " asked (LARGE_CASH_BOOKING): 403 RISK_DECLINED books nothing; 403 STEP_UP_REQUIRED carries"
                    + " stepUp: pass it and send the same request with stepUpId (rooted and emulator, optional, as for"
                    + " cardless staging). 422 NOT_SUFFICIENT_FUNDS when the"
                    + " available balance is short.")
    ResponseEntity<BookingView> book(@AuthenticationPrincipal CustomerPrincipal customer,
            @Valid @RequestBody BookingRequest request) {
        Money amount;
        try {
            amount = Money.of(request.amount(), "CNY");
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ApiException(Irc.INVALID_AMOUNT, "The amount is not valid in CNY.");
        }
        CashBooking booking = bookings.book(customer, new CashBookingService.AppBooking(request.account(), amount,
                request.date(), request.branchId(), request.denomination() == null ? "CNY100" : request.denomination(),
                request.requestId()), RiskSignals.device(request.rooted(), request.emulator()), request.stepUpId());
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(BookingView.of(booking));
    }

    @GetMapping
    @Operation(summary = "The customer's recent bookings")
    List<BookingView> recent(@AuthenticationPrincipal CustomerPrincipal customer) {
        return bookings.recent(customer).stream().map(BookingView::of).toList();
    }

    @GetMapping("/{bookingId}")
    @Operation(summary = "One booking")
    BookingView one(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID bookingId) {
        return BookingView.of(bookings.find(customer, bookingId));
    }

    @GetMapping("/{bookingId}/code")
    @Operation(summary = "The booking's code for the counter scanner",
            description = "A signed code of the booking, valid for a few minutes (expiresAt); fetch it again to show"
                    + " it again. Only while the booking is BOOKED. Like cash, it must not be shared or logged.")
    ResponseEntity<CodeView> code(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID bookingId) {
        String text = bookings.code(customer, bookingId);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new CodeView(text,
                io.branchlink.protocol.qr.QrTokenCodec.parse(text).claims().expiresAt(),
                "/api/v1/cash-bookings/" + bookingId + "/code.svg", "/api/v1/cash-bookings/" + bookingId + "/code.png"));
    }

    @GetMapping(value = "/{bookingId}/code.png", produces = MediaType.IMAGE_PNG_VALUE)
    @Operation(summary = "The booking's code as a PNG QR code")
    ResponseEntity<byte[]> png(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID bookingId,
            @RequestParam(defaultValue = "360") @Min(120) @Max(1200) int size) {
        return ResponseEntity.ok()
                .contentType(MediaType.IMAGE_PNG)
                .cacheControl(CacheControl.noStore())
                .body(QrImages.toPng(bookings.code(customer, bookingId), size));
    }

    @GetMapping(value = "/{bookingId}/code.svg", produces = "image/svg+xml")
    @Operation(summary = "The booking's code as an SVG QR code")
    ResponseEntity<String> svg(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID bookingId) {
        return ResponseEntity.ok()
                .contentType(MediaType.valueOf("image/svg+xml"))
                .cacheControl(CacheControl.noStore())
                .body(QrImages.toSvg(bookings.code(customer, bookingId)));
    }

    @DeleteMapping("/{bookingId}")
    @Operation(summary = "Cancel a booking before its day and release the hold",
            description = "409 CONFLICT on the booked day or later, or when the booking is no longer BOOKED.")
    BookingView cancel(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID bookingId) {
        return BookingView.of(bookings.cancel(customer, bookingId));
    }

    /**
     * @param denomination CNY100 (default) or MIXED
     * @param requestId the app's id of this booking, for retries (8 to 64 of A-Z a-z 0-9 _ -)
     * @param stepUpId a step-up passed for this same booking after a 403 STEP_UP_REQUIRED, or null
     * @param rooted the app found the phone rooted or jailbroken, or null when it did not check
     * @param emulator the app found itself on an emulator, or null when it did not check
     */
    record BookingRequest(@NotNull UUID account, @NotNull @DecimalMax("100000000") @Digits(integer = 9, fraction = 2)
            BigDecimal amount, @NotNull LocalDate date, @NotNull @Pattern(regexp = "[A-Z0-9]{1,16}") String branchId,
            @Pattern(regexp = "CNY100|MIXED") String denomination,
            @NotNull @Pattern(regexp = "[A-Za-z0-9_-]{8,64}") String requestId,
            @Pattern(regexp = "[A-Za-z0-9_-]{43}") String stepUpId, Boolean rooted, Boolean emulator) {
    }

    record BookingView(UUID id, String status, UUID account, BigDecimal amount, String currency, LocalDate date,
            String branchId, String denomination, String voucherReference, Instant createdAt, Instant closedAt) {

        static BookingView of(CashBooking b) {
            return new BookingView(b.id(), b.status().name(), b.accountId(),
                    Money.ofMinor(b.amount(), b.currency()).toDecimal(), b.currency(), b.withdrawalDate(),
                    b.branchId(), b.denomination(), b.voucherReference(), b.createdAt(), b.closedAt());
        }
    }

    /** The code as text (for a QR code) and until when it is valid; never logged. */
    record CodeView(String code, Instant expiresAt, String qrSvg, String qrPng) {

        @Override
        public String toString() {
            return "CodeView[expires " + expiresAt + "]";
        }
    }
}
