package io.branchlink.channel.risk.internal;

import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.internal.RiskPopulationRun.Counts;
import io.branchlink.channel.risk.internal.RiskPopulationRun.Result;
import io.branchlink.sim.population.Scenario;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Writes a population run's figures as a Markdown table and as an SVG bar chart. */
final class RiskPopulationReport {

    /** The bank's own figures the engine is read against. */
    static final double BANK_TRUSTED = 0.50;
    static final double BANK_SKIPPED = 0.20;

    private RiskPopulationReport() {
    }

    static String name(Scenario scenario) {
        return switch (scenario) {
            case NORMAL -> "Normal";
            case TAKEOVER_CASH_OUT -> "Takeover then cash-out";
            case MULE_FAN_OUT -> "Mule fan-out";
            case MULE_FAN_IN -> "Mule fan-in";
            case REMOTE_CASH_OUT -> "Remote cash-out";
            case BURST -> "Burst";
            case ELDER_SCAM -> "Elder scam";
        };
    }

    static List<Scenario> scenarios() {
        List<Scenario> scenarios = new ArrayList<>(List.of(Scenario.values()));
        scenarios.remove(Scenario.NORMAL);
        return scenarios;
    }

    /** The figures only: two runs with the same settings give the same text. */
    static String table(Result result) {
        StringBuilder out = new StringBuilder();
        LocalDate first = result.settings().monthStart().atOffset(ZoneOffset.ofHours(8)).toLocalDate();
        out.append(String.format(Locale.ROOT, "Population: %,d customers, seed %d; measured %d days from %s (China "
                + "time) after %d days of recorded history; fraud injected into %.1f%% of customers per scenario. "
                + "Rule set %s (default `rules.yaml`).%n%n", result.settings().customers(), result.settings().seed(),
                result.settings().days(), first, result.settings().warmUpDays(),
                100 * result.settings().scenarioShare(), result.ruleSetVersion()));
        out.append("| Scenario | Cases | Fraud actions decided | Stopped | by DENY | by STEP_UP | Not attempted "
                + "(prerequisite stopped) | Cases with a stop | Cases stopped before money left | Cases where no money "
                + "left | Money that left (of attempted) |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Scenario scenario : scenarios()) {
            Counts counts = result.fraud().getOrDefault(scenario, new Counts());
            int cases = result.injectedCases().getOrDefault(scenario, 0);
            long attempted = 0;
            long amountOut = 0;
            for (RiskPopulationRun.Case c : result.cases().getOrDefault(scenario, Map.of()).values()) {
                attempted += c.attemptedMinor;
                amountOut += c.outMinor;
            }
            out.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %s | %s | %s | %,d | %s | %s | %s | %s |%n",
                    name(scenario), cases, counts.decided, share(counts.stopped(), counts.decided),
                    share(counts.denied, counts.decided), share(counts.steppedUp, counts.decided),
                    counts.notAttempted, share(result.casesStopped(scenario), cases),
                    share(result.casesStoppedBeforeMoneyLeft(scenario), cases),
                    share(result.casesWithNoMoneyOut(scenario), cases), share(amountOut, attempted)));
        }
        out.append("\n| Normal customers | Actions decided | Stopped (false positive) | by DENY | by STEP_UP "
                + "| Trusted (an ALLOW rule decided) | Skipped the second factor | Not attempted |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        normalRow(out, "**All actions**", result.normalTotal());
        for (RiskAction action : RiskAction.values()) {
            Counts counts = result.normal().get(action);
            if (counts != null) {
                normalRow(out, "`" + action + "`", counts);
            }
        }
        out.append("\n| Deciding rule | Normal actions | Fraud actions |\n|---|---:|---:|\n");
        result.decidingRules().forEach((rule, hits) -> out.append(String.format(Locale.ROOT,
                "| `%s` | %,d | %,d |%n", rule, hits[0], hits[1])));
        return out.toString();
    }

    private static void normalRow(StringBuilder out, String name, Counts counts) {
        out.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s | %s | %s | %,d |%n", name, counts.decided,
                share(counts.stopped(), counts.decided), share(counts.denied, counts.decided),
                share(counts.steppedUp, counts.decided), share(counts.trusted, counts.decided),
                share(counts.skippedSecondFactor, counts.decided), counts.notAttempted));
    }

    /** How long the run took; differs between runs. */
    static String timing(Result result) {
        return String.format(Locale.ROOT, "Run: %,d history events recorded in %.1f s (%,.0f/s); %,d decisions in "
                + "%.1f s, **%,.0f decisions/s** (features, rules and recording, one thread); entity keys at the "
                + "end: %s.%n", result.warmUpEvents(), seconds(result.warmUp()),
                result.warmUpEvents() / Math.max(1e-3, seconds(result.warmUp())), result.decisions(),
                seconds(result.month()), result.decisionsPerSecond(), new TreeMap<>(result.keys()));
    }

    static String markdown(Result result) {
        return table(result) + "\n" + timing(result);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    static double ratio(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    private static String share(long part, long whole) {
        return whole == 0 ? "–" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    /** A horizontal bar chart: per scenario the share of fraud actions and of cases stopped; normal customers. */
    static String svg(Result result) {
        record Bar(String label, double value, String colour) {
        }
        List<Bar> bars = new ArrayList<>();
        for (Scenario scenario : scenarios()) {
            Counts counts = result.fraud().getOrDefault(scenario, new Counts());
            bars.add(new Bar(name(scenario) + ": fraud actions stopped", ratio(counts.stopped(), counts.decided),
                    "#c0392b"));
            bars.add(new Bar(name(scenario) + ": cases stopped before money left",
                    ratio(result.casesStoppedBeforeMoneyLeft(scenario),
                            result.injectedCases().getOrDefault(scenario, 0)), "#e67e22"));
        }
        Counts normal = result.normalTotal();
        bars.add(new Bar("Normal: false positives (DENY or STEP_UP)", ratio(normal.stopped(), normal.decided),
                "#8e44ad"));
        bars.add(new Bar("Normal: trusted (an ALLOW rule decided)", ratio(normal.trusted, normal.decided),
                "#2980b9"));
        bars.add(new Bar("Bank's figure: trusted coverage", BANK_TRUSTED, "#95a5a6"));
        bars.add(new Bar("Normal: skipped the second factor", ratio(normal.skippedSecondFactor, normal.decided),
                "#27ae60"));
        bars.add(new Bar("Bank's figure: skipping the SMS code", BANK_SKIPPED, "#95a5a6"));

        int labelWidth = 400;
        int barWidth = 400;
        int row = 22;
        int top = 40;
        int height = top + bars.size() * row + 30;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", labelWidth + barWidth + 70, height));
        svg.append(String.format(Locale.ROOT, "  <rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"));
        svg.append(String.format(Locale.ROOT, "  <text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">Risk "
                + "engine on a labelled population: %,d customers, seed %d, rules %s</text>%n",
                result.settings().customers(), result.settings().seed(), result.ruleSetVersion()));
        for (int tick = 0; tick <= 100; tick += 25) {
            double x = labelWidth + barWidth * tick / 100.0;
            svg.append(String.format(Locale.ROOT, "  <line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                    + "stroke=\"#ddd\"/>%n", x, top - 5, x, top + bars.size() * row));
            svg.append(String.format(Locale.ROOT, "  <text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" "
                    + "fill=\"#666\">%d%%</text>%n", x, top + bars.size() * row + 15, tick));
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = top + i * row;
            svg.append(String.format(Locale.ROOT, "  <text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    labelWidth - 8, y + 14, bar.label()));
            svg.append(String.format(Locale.ROOT, "  <rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                    + "fill=\"%s\"/>%n", labelWidth, y + 3, barWidth * bar.value(), row - 6, bar.colour()));
            svg.append(String.format(Locale.ROOT, "  <text x=\"%.1f\" y=\"%d\">%.1f%%</text>%n",
                    labelWidth + barWidth * bar.value() + 4, y + 14, 100 * bar.value()));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }
}
