package io.branchlink.channel.risk.internal;

import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.RiskChannel;
import io.branchlink.channel.risk.RiskEvent;
import io.branchlink.channel.risk.RiskLocation;
import io.branchlink.protocol.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A synthetic, repeatable history of a bank's customers for the scale benchmark: {@code events} completed actions in
 * time order over {@code span}, one customer per 50 events (a few heavy users, most light), one or two phones and
 * accounts each, a few usual payees and now and then a new one, a home branch among 2,000 and a home position in one
 * of 40 cities. Events come out in the order they happened, as {@code risk_events} holds them.
 */
final class RiskPopulation {

    static final int EVENTS_PER_CUSTOMER = 50;
    private static final int BRANCHES = 2_000;
    private static final int CITIES = 40;
    private static final RiskAction[] ACTIONS = {
        RiskAction.LOGIN, RiskAction.LOGIN, RiskAction.LOGIN, RiskAction.LOGIN, RiskAction.LOGIN, RiskAction.LOGIN,
        RiskAction.LOGIN, RiskAction.LOGIN, RiskAction.TRANSFER, RiskAction.TRANSFER, RiskAction.TRANSFER,
        RiskAction.TRANSFER, RiskAction.CARDLESS_WITHDRAWAL, RiskAction.CARDLESS_WITHDRAWAL,
        RiskAction.CARDLESS_WITHDRAWAL, RiskAction.REDEMPTION, RiskAction.REDEMPTION, RiskAction.CARDLESS_DEPOSIT,
        RiskAction.FORM_EXECUTION, RiskAction.DEVICE_BINDING};

    final long events;
    final int customers;
    final int payees;
    final Instant from;
    private final long spanMillis;
    private final long seed;

    RiskPopulation(long events, Instant end, Duration span, long seed) {
        this.events = events;
        this.customers = (int) Math.max(1, events / EVENTS_PER_CUSTOMER);
        this.payees = Math.max(1, customers / 2);
        this.spanMillis = span.toMillis();
        this.from = end.minus(span);
        this.seed = seed;
    }

    /** One generated event's fields, reused from one call to the next. */
    static final class Row {
        long at;
        RiskAction action;
        RiskChannel channel;
        long customer;
        int device;
        int account;
        long amountMinor;
        long payee;
        int branch;
        double latitude;
        double longitude;
        boolean position;

        UUID customerId() {
            return new UUID(0x5151_0000_0000_0000L, customer);
        }

        String deviceId() {
            return device < 0 ? null : "phone-" + customer + "-" + device;
        }

        UUID accountId() {
            return account < 0 ? null : new UUID(0xACC0_0000_0000_0000L | account, customer);
        }

        String counterparty() {
            return payee < 0 ? null : "payee-" + payee;
        }

        String branchId() {
            return branch < 0 ? null : "B" + branch;
        }

        RiskEvent event() {
            RiskLocation location = !position && branch < 0 ? null
                    : new RiskLocation(position ? latitude : null, position ? longitude : null, branchId());
            return new RiskEvent(Instant.ofEpochMilli(at), action, customerId(), deviceId(), accountId(),
                    amountMinor < 0 ? null : Money.ofMinor(amountMinor, "CNY"), counterparty(), location, channel);
        }
    }

    /** Walks the history in time order. */
    final class Cursor {

        private final SplittableRandom random = new SplittableRandom(seed);
        private long next;
        final Row row = new Row();

        boolean next() {
            if (next == events) {
                return false;
            }
            Row r = row;
            r.at = from.toEpochMilli() + 1 + next * spanMillis / events;
            next++;
            // a skewed choice: a tenth of the customers make about half the events
            r.customer = random.nextInt(10) < 5 ? random.nextInt(Math.max(1, customers / 10))
                    : random.nextInt(customers);
            SplittableRandom own = new SplittableRandom(r.customer * 0x9E3779B97F4A7C15L + seed);
            int phones = 1 + own.nextInt(2);
            int accounts = 1 + own.nextInt(2);
            int homeBranch = own.nextInt(BRANCHES);
            int city = homeBranch % CITIES;
            double homeLat = 22.0 + city * 0.4 + own.nextDouble() * 0.2;
            double homeLon = 105.0 + city * 0.5 + own.nextDouble() * 0.2;
            long usualPayee = own.nextInt(payees);
            r.action = ACTIONS[random.nextInt(ACTIONS.length)];
            if (r.action == RiskAction.DEVICE_BINDING && random.nextInt(4) == 0) {
                r.action = RiskAction.PHONE_CHANGE;
            }
            r.device = random.nextInt(phones);
            r.account = -1;
            r.amountMinor = -1;
            r.payee = -1;
            r.branch = -1;
            r.position = false;
            switch (r.action) {
                case LOGIN -> r.channel = random.nextInt(10) == 0 ? RiskChannel.WEB : RiskChannel.APP;
                case TRANSFER -> {
                    r.channel = RiskChannel.APP;
                    r.account = random.nextInt(accounts);
                    r.amountMinor = 100L * (10 + random.nextInt(random.nextInt(10) == 0 ? 50_000 : 2_000));
                    r.payee = random.nextInt(4) == 0 ? random.nextInt(payees) : (usualPayee + random.nextInt(3)) % payees;
                }
                case CARDLESS_WITHDRAWAL, CARDLESS_DEPOSIT -> {
                    r.channel = RiskChannel.APP;
                    r.account = random.nextInt(accounts);
                    r.amountMinor = 10_000L * (1 + random.nextInt(50));
                }
                case REDEMPTION -> {
                    r.channel = RiskChannel.ITM;
                    r.account = random.nextInt(accounts);
                    r.amountMinor = 10_000L * (1 + random.nextInt(50));
                    r.branch = random.nextInt(8) == 0 ? random.nextInt(BRANCHES) : homeBranch;
                }
                case FORM_EXECUTION -> {
                    r.channel = RiskChannel.COUNTER;
                    r.account = random.nextInt(accounts);
                    r.branch = homeBranch;
                }
                default -> r.channel = RiskChannel.APP;
            }
            if (r.channel == RiskChannel.APP) {
                r.position = true;
                r.latitude = homeLat + random.nextDouble() * 0.3;
                r.longitude = homeLon + random.nextDouble() * 0.3;
            }
            return true;
        }
    }

    Cursor cursor() {
        return new Cursor();
    }
}
