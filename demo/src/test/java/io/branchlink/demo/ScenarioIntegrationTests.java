package io.branchlink.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo command's scenario, run as the command runs it but on free ports: every step must pass. */
class ScenarioIntegrationTests {

    @Test
    void everyStepOfTheDemoScenarioPasses(@TempDir Path workDir) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (Branch branch = Branch.start(Branch.Settings.forTests(workDir))) {

            var failures = new Scenario(branch, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

            assertThat(failures).isEmpty();
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("[ ok ] alice withdraws 500.00 CNY")
                    .contains("[ ok ] one click confirms: the deposit is opened and the voucher printed")
                    .contains("[ ok ] bob reports his debit card lost")
                    .doesNotContain("[FAIL]").doesNotContain("BL:");
            assertThat(branch.counter().printer().documents()).hasSize(2);
        }
    }
}
