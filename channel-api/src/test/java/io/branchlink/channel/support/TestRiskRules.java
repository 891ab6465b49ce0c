package io.branchlink.channel.support;

/**
 * The rule set of the tests of the ITM's and the counter's risk checks ({@code risk/branch-test-rules.yaml} in the
 * test resources): a test class naming {@link #PROPERTY} in its {@code @TestPropertySource} runs on it, and all such
 * classes share one application context. A customer is flagged (denied at the ITM and the counter) by one event on
 * the web channel; an amount of exactly 4,400 is stepped up there; a phone-number change within the cool-off of the
 * last one is denied.
 */
public final class TestRiskRules {

    public static final String PROPERTY =
            "branchlink.channel.risk.rules-file=src/test/resources/risk/branch-test-rules.yaml";

    /** The amount {@code test-step-up-amount} steps up. */
    public static final String STEP_UP_AMOUNT = "4400";

    private TestRiskRules() {
    }
}
