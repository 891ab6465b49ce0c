package io.branchlink.channel.loan.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.prefill.seal.PdfSeal;
import io.branchlink.prefill.seal.SealCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** There is no default seal key: a key store, or a self-signed key where asked for (tests, demo), or no start. */
class LoanSealConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(LoanSealConfiguration.class, Properties.class)
            .withBean(Clock.class, Clock::systemUTC);

    @EnableConfigurationProperties(LoanProperties.class)
    static class Properties {
    }

    @Test
    void refusesToStartWithoutASealKey() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("no seal for loan contracts")
                    .hasMessageContaining("branchlink.channel.loan.seal.key-store");
        });
    }

    @Test
    void makesASelfSignedSealOnlyWhenAskedTo() {
        runner.withPropertyValues("branchlink.channel.loan.seal.self-signed=true").run(context -> {
            assertThat(context).hasSingleBean(PdfSeal.class);
            assertThat(context.getBean(PdfSeal.class).certificate().getSubjectX500Principal().getName())
                    .contains("not trusted");
        });
    }

    @Test
    void readsTheConfiguredKeyStore(@TempDir Path directory) throws Exception {
        SealCredentials bank = SealCredentials.selfSigned("Bank Seal", Instant.now(), Duration.ofDays(1));
        Path file = directory.resolve("seal.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("bank-seal", bank.key(), "pass-1".toCharArray(), bank.chain().toArray(new Certificate[0]));
        try (var out = Files.newOutputStream(file)) {
            store.store(out, "pass-1".toCharArray());
        }

        runner.withPropertyValues("branchlink.channel.loan.seal.key-store=" + file,
                "branchlink.channel.loan.seal.password=pass-1").run(context ->
                assertThat(context.getBean(PdfSeal.class).certificate()).isEqualTo(bank.certificate()));
        runner.withPropertyValues("branchlink.channel.loan.seal.key-store=" + file).run(context ->
                assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("password must be set"));
    }
}
