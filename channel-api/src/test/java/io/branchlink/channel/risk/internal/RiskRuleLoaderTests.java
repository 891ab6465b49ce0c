package io.branchlink.channel.risk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchlink.channel.risk.RiskRules;
import io.branchlink.channel.support.MutableClock;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RiskRuleLoaderTests {

    private static final FeatureCatalogue CATALOGUE = FeatureCatalogue.standard();
    private final RuleSetLoader loader = new RuleSetLoader(CATALOGUE);

    static String rule(String id, String when) {
        return """
                  - id: %s
                    priority: 100
                    outcome: STEP_UP
                    description: A test rule.
                    when: '%s'
                """.formatted(id, when);
    }

    static String file(String... rules) {
        return "rules:\n" + String.join("", rules);
    }

    private RuleSet load(String content) throws RuleSetLoader.RefusedException {
        return loader.load(content.getBytes(StandardCharsets.UTF_8), "test", Instant.EPOCH);
    }

    private List<String> refusal(String content) {
        try {
            load(content);
        } catch (RuleSetLoader.RefusedException e) {
            return e.errors();
        }
        throw new AssertionError("the rule set was accepted");
    }

    @Test
    void loadsTheDefaultRulesHighestPriorityFirst() throws IOException, RuleSetLoader.RefusedException {
        byte[] content = new org.springframework.core.io.ClassPathResource(CelRiskRules.DEFAULT_RULES)
                .getInputStream().readAllBytes();
        RuleSet set = loader.load(content, "default", Instant.EPOCH);
        assertThat(set.rules()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(set.rules().get(0).id()).isEqualTo("ato-cooloff-cash-out");
        assertThat(set.rules()).extracting(CompiledRule::priority).isSortedAccordingTo((a, b) -> b - a);
        assertThat(set.version()).hasSize(12);
    }

    @Test
    void remembersTheFeaturesARuleReads() throws RuleSetLoader.RefusedException {
        RuleSet set = load(file(rule("two", "f[\"point.amount\"] > 1.0 && f[\"customer.count.1h.all\"] > 2.0")));
        assertThat(set.rules().get(0).features()).containsExactly("point.amount", "customer.count.1h.all");
    }

    static String holdRule(String id, String outcome, String hold, String holdFor) {
        return """
                  - id: %s
                    priority: 100
                    outcome: %s
                    hold: %s
                    holdFor: %s
                    description: A test rule.
                    when: 'true'
                """.formatted(id, outcome, hold, holdFor);
    }

    @Test
    void readsWhatADenyRulePutsOnHold() throws RuleSetLoader.RefusedException {
        RuleSet set = load(file(holdRule("holds", "DENY", "[DEVICE, CUSTOMER]", "24h")));
        CompiledRule.Hold hold = set.rules().get(0).hold();
        assertThat(hold.kinds()).containsExactlyInAnyOrder(RiskHold.Kind.DEVICE, RiskHold.Kind.CUSTOMER);
        assertThat(hold.duration()).isEqualTo(Duration.ofHours(24));
        assertThat(load(file(rule("no-hold", "true"))).rules().get(0).hold()).isNull();
    }

    @Test
    void theDefaultSharedDeviceRuleHoldsTheDeviceForADay() throws IOException, RuleSetLoader.RefusedException {
        RuleSet set = loader.load(new org.springframework.core.io.ClassPathResource(CelRiskRules.DEFAULT_RULES)
                .getInputStream().readAllBytes(), "default", Instant.EPOCH);
        assertThat(set.rules()).filteredOn(rule -> rule.hold() != null).singleElement().satisfies(rule -> {
            assertThat(rule.id()).isEqualTo("velocity-shared-device");
            assertThat(rule.hold().kinds()).containsExactly(RiskHold.Kind.DEVICE);
            assertThat(rule.hold().duration()).isEqualTo(Duration.ofHours(24));
        });
    }

    @Nested
    class Refuses {

        @Test
        void aHoldOnARuleThatDoesNotDeny() {
            assertThat(refusal(file(holdRule("step", "STEP_UP", "[CUSTOMER]", "24h")))).containsExactly(
                    "rule step: hold is for DENY rules only");
        }

        @Test
        void aHoldOfAnUnknownKindOrWithoutABoundedDuration() {
            List<String> errors = refusal(file(holdRule("kind", "DENY", "[COUNTERPARTY]", "24h"),
                    holdRule("long", "DENY", "[CUSTOMER]", "31d"), holdRule("short", "DENY", "[CUSTOMER]", "30s"),
                    holdRule("words", "DENY", "[CUSTOMER]", "a-day"), holdRule("empty", "DENY", "[]", "1h")));
            assertThat(errors).containsExactly(
                    "rule kind: hold must be one of [CUSTOMER, ACCOUNT, DEVICE]",
                    "rule long: holdFor must be between 1m and 30d",
                    "rule short: holdFor must be between 1m and 30d",
                    "rule words: holdFor must be a duration such as 30m, 24h or 7d",
                    "rule empty: hold must be a non-empty list of CUSTOMER, ACCOUNT, DEVICE");
        }

        @Test
        void aSyntaxError() {
            assertThat(refusal(file(rule("broken", "f[\"point.amount\"] >")))).singleElement().asString()
                    .startsWith("rule broken:").contains("mismatched input");
        }

        @Test
        void aConditionThatIsNotBoolean() {
            assertThat(refusal(file(rule("number", "f[\"point.amount\"] * 2.0")))).singleElement().asString()
                    .contains("expected type 'bool'");
        }

        @Test
        void aFeatureTheCatalogueDoesNotHave() {
            assertThat(refusal(file(rule("typo", "f[\"point.amout\"] > 1.0")))).singleElement().asString()
                    .contains("unknown feature 'point.amout'");
        }

        @Test
        void aComputedFeatureNameTheCatalogueDoesNotHave() {
            assertThat(refusal(file(rule("computed", "f[\"point.\" + \"amout\"] > 1.0")))).singleElement()
                    .asString().startsWith("rule computed:");
        }

        @Test
        void aHugeRegexThatRunsOnZeros() {
            assertThat(refusal(file(rule("regex", "\"abc\".matches(\"^(a|b|c|d){10,60}(x|y|z){10,60}$\")"))))
                    .singleElement().asString().containsIgnoringCase("program size");
        }

        @Test
        void aHugeRegexThatZerosNeverReach() {
            assertThat(refusal(file(rule("hidden-regex", "f[\"point.amount\"] > 1.0"
                    + " && \"abc\".matches(\"^(a|b|c|d){10,60}(x|y|z){10,60}$\")"))))
                    .singleElement().asString().containsIgnoringCase("program size");
        }

        @Test
        void anEndlessComprehension() {
            assertThat(refusal(file(rule("endless", "f.all(a, f.all(b, f[a] >= f[b] || true))"))))
                    .singleElement().asString().contains("Iteration budget exceeded");
        }

        @Test
        void duplicateIdsAndBadFieldsWithOneLineEach() {
            String content = file(rule("same", "true"), rule("same", "true"), """
                      - id: Bad Id
                        priority: high
                        outcome: MAYBE
                        when: 'true'
                    """);
            List<String> errors = refusal(content);
            assertThat(errors).hasSize(2);
            assertThat(errors.get(0)).isEqualTo("rule same: duplicate id");
            assertThat(errors.get(1)).startsWith("rule Bad Id: id must be");
        }

        @Test
        void aFileThatIsNotARuleFile() {
            assertThat(refusal("just: text")).containsExactly("the file needs a top-level list 'rules'");
            assertThat(refusal("rules: [")).singleElement().asString().startsWith("not a readable YAML rule file");
        }
    }

    @Nested
    class HotReload {

        @TempDir
        Path dir;

        private final MutableClock clock = new MutableClock();

        private CelRiskRules rulesFrom(Path file) {
            return new CelRiskRules(CATALOGUE, new RiskProperties(file.toString(), Duration.ofSeconds(10),
                    Duration.ofHours(24), ZoneId.of("Asia/Shanghai"), BigDecimal.valueOf(1000)), clock);
        }

        @Test
        void aBrokenFileIsRefusedAndTheRunningSetStays() throws IOException {
            Path file = dir.resolve("rules.yaml");
            Files.writeString(file, file(rule("first", "f[\"point.amount\"] > 1.0")));
            CelRiskRules rules = rulesFrom(file);
            RuleSet running = rules.active();

            Files.writeString(file, file(rule("first", "f[\"point.amount\"] > 2.0"),
                    rule("second", "f[\"point.amount\"] >")));
            RiskRules.Reload reload = rules.reload();

            assertThat(reload.accepted()).isFalse();
            assertThat(reload.version()).isEqualTo(running.version());
            assertThat(reload.errors()).singleElement().asString().startsWith("rule second:");
            assertThat(rules.active()).isSameAs(running);
            assertThat(rules.current().rules()).extracting(RiskRules.Rule::condition)
                    .containsExactly("f[\"point.amount\"] > 1.0");
        }

        @Test
        void aChangedFileIsPickedUpByItsModificationTime() throws IOException {
            Path file = dir.resolve("rules.yaml");
            Files.writeString(file, file(rule("first", "true")));
            Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000));
            CelRiskRules rules = rulesFrom(file);
            String first = rules.active().version();

            rules.reloadIfChanged();
            assertThat(rules.active().version()).isEqualTo(first);

            Files.writeString(file, file(rule("first", "true"), rule("second", "false")));
            Files.setLastModifiedTime(file, FileTime.fromMillis(2_000_000));
            rules.reloadIfChanged();
            assertThat(rules.active().version()).isNotEqualTo(first);
            assertThat(rules.active().rules()).extracting(CompiledRule::id).containsExactly("first", "second");
        }

        @Test
        void aBrokenFileAtStartStopsTheApplication() throws IOException {
            Path file = dir.resolve("rules.yaml");
            Files.writeString(file, file(rule("broken", "nope")));
            assertThatThrownBy(() -> rulesFrom(file)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("rule broken:");
        }
    }
}
