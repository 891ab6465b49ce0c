package io.branchlink.channel.mine.internal;

import io.branchlink.channel.mine.MineHoldings;
import io.branchlink.channel.mine.MineLine;
import io.branchlink.protocol.money.Money;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Assembles the "Mine" view: the lines of every {@link MineHoldings} bean with their totals per currency, and the
 * flows of the last months by month and by category ({@link MineFlows}), all read in one read-only transaction so
 * the numbers agree with each other.
 */
@Service
class MineService {

    /** The bank's zone: calendar months of the flows begin at midnight here (the V22 summary uses it too). */
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final int MAX_MONTHS = 60;
    static final int DEFAULT_MONTHS = 12;

    private final List<MineHoldings> holdings;
    private final MineFlows flows;
    private final Clock clock;

    MineService(List<MineHoldings> holdings, MineFlows flows, Clock clock) {
        this.holdings = List.copyOf(holdings);
        this.flows = flows;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public MineView view(UUID customerId, int months) {
        if (months < 1 || months > MAX_MONTHS) {
            throw new IllegalArgumentException("months out of range: " + months);
        }
        List<MineLine> lines = new ArrayList<>();
        holdings.forEach(product -> lines.addAll(product.lines(customerId)));
        lines.sort(Comparator.comparing(MineLine::kind).thenComparing(MineLine::product)
                .thenComparing(MineLine::currency).thenComparing(MineLine::reference));
        YearMonth to = YearMonth.now(clock.withZone(ZONE));
        YearMonth from = to.minusMonths(months - 1L);
        List<MineFlows.Flow> read = flows.between(customerId, from, to);
        return new MineView(clock.instant(), from, to, totals(lines), lines.stream().map(MineService::line).toList(),
                months(read, from, to), categories(read), returns(read, lines));
    }

    private static List<MineView.Total> totals(List<MineLine> lines) {
        Map<String, long[]> byCurrency = new TreeMap<>();
        for (MineLine line : lines) {
            long[] sums = byCurrency.computeIfAbsent(line.currency(), c -> new long[2]);
            int slot = line.kind() == MineLine.Kind.ASSET ? 0 : 1;
            sums[slot] = Math.addExact(sums[slot], line.balance().minorUnits());
        }
        return byCurrency.entrySet().stream()
                .map(e -> new MineView.Total(e.getKey(), decimal(e.getValue()[0], e.getKey()),
                        decimal(e.getValue()[1], e.getKey()),
                        decimal(Math.subtractExact(e.getValue()[0], e.getValue()[1]), e.getKey())))
                .toList();
    }

    private static MineView.Line line(MineLine line) {
        return new MineView.Line(line.kind(), line.product(), line.reference(), line.name(), line.currency(),
                line.balance().toDecimal(), line.rate(), line.dueDate(),
                line.gain() == null ? null : line.gain().toDecimal());
    }

    /** Every month of the period for every currency that moved in it, empty months included (a chart needs them). */
    private static List<MineView.Month> months(List<MineFlows.Flow> read, YearMonth from, YearMonth to) {
        TreeSet<String> currencies = new TreeSet<>();
        Map<String, long[]> sums = new TreeMap<>();
        for (MineFlows.Flow flow : read) {
            currencies.add(flow.currency());
            if (flow.flow() == MineFlows.Flow.Direction.INTERNAL) {
                continue;
            }
            long[] month = sums.computeIfAbsent(flow.month() + " " + flow.currency(), k -> new long[2]);
            int slot = flow.flow() == MineFlows.Flow.Direction.INCOME ? 0 : 1;
            month[slot] = Math.addExact(month[slot], flow.net());
        }
        List<MineView.Month> months = new ArrayList<>();
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            for (String currency : currencies) {
                long[] sum = sums.getOrDefault(month + " " + currency, new long[2]);
                months.add(new MineView.Month(month, currency, decimal(sum[0], currency), decimal(sum[1], currency)));
            }
        }
        return months;
    }

    private static List<MineView.Category> categories(List<MineFlows.Flow> read) {
        Map<String, long[]> sums = new TreeMap<>();
        Map<String, MineFlows.Flow> first = new TreeMap<>();
        for (MineFlows.Flow flow : read) {
            String key = flow.flow() + " " + flow.category() + " " + flow.currency();
            first.putIfAbsent(key, flow);
            long[] sum = sums.computeIfAbsent(key, k -> new long[3]);
            sum[0] = Math.addExact(sum[0], flow.moneyIn());
            sum[1] = Math.addExact(sum[1], flow.moneyOut());
            sum[2] = Math.addExact(sum[2], flow.net());
        }
        return sums.entrySet().stream().map(e -> {
            MineFlows.Flow flow = first.get(e.getKey());
            String currency = flow.currency();
            long[] sum = e.getValue();
            return new MineView.Category(flow.category(), flow.flow().name(), currency, decimal(sum[0], currency),
                    decimal(sum[1], currency), decimal(sum[2], currency));
        }).toList();
    }

    private static List<MineView.Returns> returns(List<MineFlows.Flow> read, List<MineLine> lines) {
        Map<String, long[]> sums = new TreeMap<>();
        for (MineFlows.Flow flow : read) {
            if (flow.returns()) {
                long[] sum = sums.computeIfAbsent(flow.currency(), c -> new long[2]);
                sum[0] = Math.addExact(sum[0], flow.moneyIn() - flow.moneyOut());
            }
        }
        for (MineLine line : lines) {
            if (line.gain() != null) {
                long[] sum = sums.computeIfAbsent(line.currency(), c -> new long[2]);
                sum[1] = Math.addExact(sum[1], line.gain().minorUnits());
            }
        }
        return sums.entrySet().stream()
                .map(e -> new MineView.Returns(e.getKey(), decimal(e.getValue()[0], e.getKey()),
                        decimal(e.getValue()[1], e.getKey())))
                .toList();
    }

    private static BigDecimal decimal(long minor, String currency) {
        return Money.ofMinor(minor, currency).toDecimal();
    }
}
