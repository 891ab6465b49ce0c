package io.branchlink.protocol.mqtt;

import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.rc.Irc;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One payload of every kind, matching the golden JSON files under {@code golden/mqtt}. */
final class MqttFixtures {

    static final Instant AT = Instant.parse("2026-03-01T08:30:15Z");

    private MqttFixtures() {
    }

    static List<CashUnit> cashUnits() {
        return List.of(new CashUnit("CST1", Money.ofMinor(10_000, "CNY"), 1_200),
                new CashUnit("CST2", Money.ofMinor(5_000, "CNY"), 800));
    }

    /** Golden file name (without {@code .json}) to payload. */
    static Map<String, MqttPayload> golden() {
        Map<String, MqttPayload> golden = new LinkedHashMap<>();
        golden.put("presence-online", Presence.online(AT));
        golden.put("presence-offline", Presence.offline(AT));
        golden.put("state-itm", DeviceState.of(DeviceState.DeviceKind.ITM, DeviceState.Status.IN_SERVICE,
                cashUnits(), AT));
        golden.put("event-cash-units-changed", CashUnitsChanged.of(cashUnits(), AT));
        golden.put("event-device-faulted", DeviceFaulted.of("CASH_DISPENSER", "E-PICK-07",
                "Pick failure on CST2", AT));
        golden.put("event-transaction-completed", TransactionCompleted.of("T-20260301-000123", 123,
                "606008000123", TransactionKind.WITHDRAWAL, Money.ofMinor(50_000, "CNY"), Irc.APPROVED, "4321",
                AT));
        golden.put("command-put-out-of-service", PutOutOfService.of("c-7f3a", "Cash replenishment", AT));
        golden.put("command-put-in-service", PutInService.of("c-7f3b", AT));
        golden.put("event-qr-scanned", QrScanned.of("s-51c2", "BL:6BFR%BH:KEXAMPLE", AT));
        golden.put("command-print-voucher", PrintVoucher.of("c-7f3c", "V-BR001-20260301-000042",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "%PDF-1.7\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), AT));
        golden.put("command-reset-device", ResetDevice.of("c-7f3d", AT));
        golden.put("command-set-cash-counts", SetCashCounts.of("c-7f3e",
                List.of(new SetCashCounts.Count("CST1", 1_180), new SetCashCounts.Count("CST2", 800)), AT));
        golden.put("command-print-ticket", PrintTicket.of("c-7f3d", "s-51c3", "012", 2, AT));
        golden.put("state-ticket-machine", DeviceState.of(DeviceState.DeviceKind.TICKET_MACHINE,
                DeviceState.Status.IN_SERVICE, List.of(), AT));
        golden.put("command-show-session-code", ShowSessionCode.of("c-7f3d", "000102030405060708090a0b0c0d0e0f",
                "BL:W505H0YM9100KB0EXAMPLE", AT.plusSeconds(120), AT));
        golden.put("command-authorise-session", AuthoriseSession.of("c-7f3e", "000102030405060708090a0b0c0d0e0f",
                "WITHDRAWAL", new java.math.BigDecimal("500.00"), "CNY", "BL:6BFR%BH:KEXAMPLE", AT.plusSeconds(90),
                AT));
        return golden;
    }

    static Class<? extends MqttPayload> typeOf(MqttPayload payload) {
        if (payload instanceof DeviceEvent) {
            return DeviceEvent.class;
        }
        if (payload instanceof Command) {
            return Command.class;
        }
        return payload.getClass();
    }
}
