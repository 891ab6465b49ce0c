package io.branchlink.hub.teller;

import io.branchlink.hub.channel.ChannelClient;
import io.branchlink.hub.channel.ChannelUnavailableException;
import io.branchlink.protocol.hubapi.CashBookingAtCounter;
import io.branchlink.protocol.hubapi.CashPayoutRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Large-cash bookings at the counter: a scanned CASH_BOOKING code is resolved by channel-api and shown on the
 * console as a form of type {@value #TYPE} (the customer, the amount and denomination, the ID-check fields
 * highlighted, a confirmation id made here), so the console's one click goes through {@link DecideForm} like a
 * form's: under the same lock, stored once, its voucher printed at the terminal. A refusal is shown with its reason.
 *
 * @see io.branchlink.hub.teller.TellerCashBookingIntegrationTests
 */
@Service
class CashBookingCounter {

    static final String TYPE = "LARGE_CASH_PAYOUT";
    private static final Logger log = LoggerFactory.getLogger(CashBookingCounter.class);
    private static final Message LABEL = new Message("Large cash withdrawal (booked)", "大额取现（预约）");
    private static final Map<String, String> REFUSALS_ZH = Map.of(
            "NOT_A_BOOKING", "这不是大额取现预约二维码。",
            "FORGED", "此二维码并非银行签发，请勿办理。",
            "CODE_EXPIRED", "此二维码已过期，请客户在手机银行中重新打开预约。",
            "UNKNOWN_BOOKING", "银行系统中没有此预约。",
            "WRONG_BRANCH", "此预约不在本网点。",
            "WRONG_DAY", "此预约不是今天。",
            "CANCELLED", "客户已取消此预约。",
            "RELEASED", "此预约已因当日未到而释放。",
            "ALREADY_PAID", "此预约已付款。",
            "CONFIRMATION_REUSED", "此确认号已用于其他预约。");

    private final ChannelClient channel;
    private final Clock clock;

    CashBookingCounter(ChannelClient channel, Clock clock) {
        this.channel = channel;
        this.clock = clock;
    }

    /** The view for a scanned CASH_BOOKING code; never throws. */
    ResolveScan.Resolution resolve(String text) {
        CashBookingAtCounter booking;
        try {
            booking = channel.cashBookingScan(text);
        } catch (ChannelUnavailableException e) {
            return refused(Refusal.CHANNEL_UNAVAILABLE.name(), Refusal.CHANNEL_UNAVAILABLE.message());
        }
        if (!"READY".equals(booking.outcome())) {
            log.info("cash booking scan refused code={}", booking.refusal());
            return refused("BOOKING_" + booking.refusal(), message(booking));
        }
        return new ResolveScan.Resolution(new TellerView(0, TellerView.FORM, null, null, null, null,
                consoleForm(booking)), false);
    }

    /** Pays the booking on the teller's console out; the decision {@link DecideForm} stores and prints. */
    TellerView.Decision pay(TellerProperties.Account teller, TellerView.ConsoleForm form) {
        CashBookingAtCounter paid;
        try {
            paid = channel.payCashBooking(new CashPayoutRequest(form.tokenId(), form.confirmationId(), teller.id(),
                    teller.terminal()));
        } catch (ChannelUnavailableException e) {
            throw new DecideForm.NotDecided(HttpStatus.SERVICE_UNAVAILABLE, "CHANNEL_UNAVAILABLE",
                    new Message("The bank's system cannot be reached; nothing was paid. Try again.",
                            "暂时无法连接银行系统，未付款，请重试。"));
        }
        if (!"PAID".equals(paid.outcome())) {
            throw new DecideForm.NotDecided(HttpStatus.CONFLICT, paid.refusal() == null ? "REFUSED" : paid.refusal(),
                    message(paid));
        }
        return new TellerView.Decision(form.draftId(), TYPE, form.confirmationId(), "EXECUTED",
                "Paid out " + paid.amount() + " " + paid.currency() + " in " + paid.denomination() + ".",
                Map.of("bookingId", paid.bookingId(), "amount", paid.amount() + " " + paid.currency()), teller.id(),
                teller.terminal(), paid.paidAt() != null ? paid.paidAt() : clock.instant(), paid.voucherReference(),
                paid.voucherContentHash(), false);
    }

    /** The booking laid out as a console form; the booking id stands for the draft and the token. */
    static TellerView.ConsoleForm consoleForm(CashBookingAtCounter booking) {
        List<TellerView.Field> fields = new ArrayList<>();
        field(fields, "customerName", "Customer name", "客户姓名", booking.customerName(), true);
        field(fields, "idNumber", "Resident ID number ends with", "身份证号码后四位", booking.idLast4(), true);
        field(fields, "account", "Account", "取款账号", booking.account(), false);
        field(fields, "amount", "Amount", "取款金额", booking.amount() + " " + booking.currency(), false);
        field(fields, "denomination", "Denomination", "券别", "CNY100".equals(booking.denomination())
                ? "100 yuan notes / 100元" : "Mixed notes / 混合券别", false);
        field(fields, "withdrawalDate", "Withdrawal date", "取款日期", String.valueOf(booking.withdrawalDate()), false);
        return new TellerView.ConsoleForm(booking.bookingId(), booking.bookingId(), TYPE, LABEL,
                new TellerView.Customer(booking.customerName(), booking.mobileLast4()), List.copyOf(fields), null,
                null, UUID.randomUUID().toString(), null);
    }

    private static void field(List<TellerView.Field> fields, String name, String en, String zh, String value,
            boolean idCheck) {
        if (value != null) {
            fields.add(new TellerView.Field(name, new Message(en, zh), value, new Message(value, value), idCheck));
        }
    }

    private static Message message(CashBookingAtCounter answer) {
        String en = answer.message() == null ? "The bank refused this booking." : answer.message();
        return new Message(en, REFUSALS_ZH.getOrDefault(answer.refusal(), "银行系统拒绝了此预约。"));
    }

    private static ResolveScan.Resolution refused(String code, Message message) {
        return new ResolveScan.Resolution(new TellerView(0, TellerView.REFUSED, code, message, null, null, null),
                false);
    }
}
