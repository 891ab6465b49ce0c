package io.branchlink.channel.seal.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.channel.seal.BankSeal;
import io.branchlink.channel.seal.SealVerification;
import io.branchlink.channel.seal.SealVerification.Verdict;
import io.branchlink.prefill.seal.PdfSeal;
import io.branchlink.prefill.seal.SealCredentials;
import io.branchlink.prefill.voucher.TextDocument;
import io.branchlink.prefill.voucher.VoucherFont;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The seal keys by key id: no default key, a key store with an active key and verify-only ones, rotation as a
 * configuration change, and neither key nor password in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class SealKeyRingTests {

    private static final Instant JANUARY = Instant.parse("2026-01-10T09:00:00Z");
    private static final Instant ROTATION = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant JULY = Instant.parse("2026-07-15T09:00:00Z");
    private static final String PASSWORD = "store-pass-8c1f";

    private static final SealCredentials K1 = SealCredentials.selfSigned("Bank Seal 2026a", JANUARY,
            Duration.ofDays(730));
    private static final SealCredentials K2 = SealCredentials.selfSigned("Bank Seal 2026b", JANUARY,
            Duration.ofDays(730));

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(SealConfiguration.class, Properties.class)
            .withBean(Clock.class, Clock::systemUTC);

    @EnableConfigurationProperties(SealProperties.class)
    static class Properties {
    }

    @Nested
    class Configuration {

        @Test
        void refusesToStartWithoutASealKey() {
            runner.run(context -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("no seal key")
                        .hasMessageContaining("branchlink.channel.seal.key-store");
            });
        }

        @Test
        void makesASelfSignedKeyOnlyWhenAskedTo() {
            runner.withPropertyValues("branchlink.channel.seal.self-signed=true").run(context -> {
                SealKeyRing ring = context.getBean(SealKeyRing.class);
                assertThat(ring.activeKeyId()).isEqualTo("bank-seal");
                assertThat(ring.keys()).singleElement().satisfies(key -> assertThat(
                        key.certificate().getSubjectX500Principal().getName()).contains("not trusted"));
            });
        }

        @Test
        void readsTheActiveAndTheVerifyOnlyKeysFromTheKeyStore(@TempDir Path directory) throws Exception {
            Path file = keyStore(directory);
            runner.withPropertyValues("branchlink.channel.seal.key-store=" + file,
                    "branchlink.channel.seal.password=" + PASSWORD, "branchlink.channel.seal.active-key=k2",
                    "branchlink.channel.seal.verify-only[0].key-id=k1",
                    "branchlink.channel.seal.verify-only[0].retired-at=" + ROTATION).run(context -> {
                SealKeyRing ring = context.getBean(SealKeyRing.class);
                assertThat(ring.activeKeyId()).isEqualTo("k2");
                assertThat(ring.keys()).extracting(SealKeyRing.Key::id).containsExactly("k2", "k1");
                assertThat(ring.identify(K1.certificate())).get().extracting(SealKeyRing.Key::retiredAt)
                        .isEqualTo(ROTATION);
            });
            runner.withPropertyValues("branchlink.channel.seal.key-store=" + file).run(context ->
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("password must be set"));
            runner.withPropertyValues("branchlink.channel.seal.key-store=" + file,
                    "branchlink.channel.seal.password=" + PASSWORD, "branchlink.channel.seal.active-key=k2",
                    "branchlink.channel.seal.verify-only[0].key-id=k9",
                    "branchlink.channel.seal.verify-only[0].retired-at=" + ROTATION).run(context ->
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("no certificate for verify-only seal key k9"));
        }

        @Test
        void logsKeyIdsSubjectsAndSerialsButNeverTheKeyOrThePassword(@TempDir Path directory, CapturedOutput output)
                throws Exception {
            Path file = keyStore(directory);
            runner.withPropertyValues("branchlink.channel.seal.key-store=" + file,
                    "branchlink.channel.seal.password=" + PASSWORD, "branchlink.channel.seal.active-key=k2",
                    "branchlink.channel.seal.verify-only[0].key-id=k1",
                    "branchlink.channel.seal.verify-only[0].retired-at=" + ROTATION).run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(SealProperties.class).toString()).doesNotContain(PASSWORD)
                        .contains("password=(set)");
            });

            assertThat(output.getAll())
                    .contains("seal key id=k2 role=active", "seal key id=k1 role=verify-only",
                            K2.certificate().getSerialNumber().toString(16), "CN=Bank Seal 2026b",
                            "retired-at=" + ROTATION)
                    .doesNotContain(PASSWORD)
                    .doesNotContain(Base64.getEncoder().encodeToString(K2.key().getEncoded()))
                    .doesNotContain(Base64.getEncoder().encodeToString(K1.key().getEncoded()));
        }
    }

    @Nested
    class Rotation {

        private final Map<String, String> consent = Map.of("kind", "FORM_SUBMISSION", "formId", "f-1");

        @Test
        void sealsOfTheRetiredKeyMadeBeforeItsRetirementStillVerifyAndLaterOnesAreRefused() {
            // before: k1 seals
            SealService before = new SealService(new SealKeyRing("k1", K1, Map.of()), new SimpleMeterRegistry());
            BankSeal.Sealed january = before.seal(document(), "Voucher V-1", "Shanghai", consent, JANUARY);
            assertThat(january.keyId()).isEqualTo("k1");
            assertThat(before.verify(january.pdf()).verdict()).isEqualTo(Verdict.SEALED);

            // rotation, a configuration change: k2 seals, k1 verifies what it sealed until its retirement
            SealService after = new SealService(new SealKeyRing("k2", K2,
                    Map.of("k1", new SealKeyRing.Key("k1", K1.certificate(), ROTATION))), new SimpleMeterRegistry());
            BankSeal.Sealed july = after.seal(document(), "Voucher V-2", "Shanghai", consent, JULY);
            assertThat(july.keyId()).isEqualTo("k2");

            SealVerification old = after.verify(january.pdf());
            assertThat(old.valid()).isTrue();
            assertThat(old.verdict()).isEqualTo(Verdict.SEALED);
            assertThat(old.keyId()).isEqualTo("k1");
            assertThat(old.keyRetired()).isTrue();
            assertThat(old.signedAt()).isEqualTo(JANUARY);
            assertThat(old.consent()).containsEntry("formId", "f-1");

            SealVerification recent = after.verify(july.pdf());
            assertThat(recent.valid()).isTrue();
            assertThat(recent.keyId()).isEqualTo("k2");
            assertThat(recent.keyRetired()).isFalse();

            // k1 used after its retirement (a key that should no longer seal anything): refused
            byte[] late = new PdfSeal(K1).seal(document(), "Voucher V-3", "Shanghai", JULY);
            SealVerification refused = after.verify(late);
            assertThat(refused.valid()).isFalse();
            assertThat(refused.verdict()).isEqualTo(Verdict.SEALED_AFTER_RETIREMENT);
            assertThat(refused.keyId()).isEqualTo("k1");
            assertThat(refused.changedAfterSealing()).isFalse();
        }

        @Test
        void aSealOfAKeyTheBankDoesNotHoldIsNotTheBanks() {
            SealService bank = new SealService(new SealKeyRing("k2", K2, Map.of()), new SimpleMeterRegistry());
            SealCredentials stranger = SealCredentials.selfSigned("Bank Seal 2026b", JANUARY, Duration.ofDays(1));

            SealVerification verified = bank.verify(new PdfSeal(stranger).seal(document(), "x", "y", JANUARY));

            assertThat(verified.valid()).isFalse();
            assertThat(verified.verdict()).isEqualTo(Verdict.UNKNOWN_KEY);
            assertThat(verified.keyId()).isNull();
            assertThat(verified.signer()).contains("Bank Seal 2026b");
        }

        @Test
        void anUnsealedDocumentIsNotSealed() {
            SealService bank = new SealService(new SealKeyRing("k2", K2, Map.of()), new SimpleMeterRegistry());

            assertThat(bank.verify(document()).verdict()).isEqualTo(Verdict.NOT_SEALED);
        }
    }

    static byte[] document() {
        return TextDocument.builder("Voucher", JANUARY)
                .heading("汇联示范银行 BranchLink Demo Bank", 14)
                .row("凭证编号 / Reference", "V-B001-20260110-000001")
                .build()
                .render(VoucherFont.require());
    }

    private static Path keyStore(Path directory) throws Exception {
        Path file = directory.resolve("seal.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("k2", K2.key(), PASSWORD.toCharArray(), K2.chain().toArray(new Certificate[0]));
        // a retired key need only be there as its certificate
        store.setCertificateEntry("k1", K1.certificate());
        try (var out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
        return file;
    }
}
