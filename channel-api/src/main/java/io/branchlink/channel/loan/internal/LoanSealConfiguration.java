package io.branchlink.channel.loan.internal;

import io.branchlink.prefill.seal.PdfSeal;
import io.branchlink.prefill.seal.SealCredentials;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The bank's seal on loan contracts, from {@code branchlink.channel.loan.seal}: a configured key store, or a
 * self-signed key made at start where {@code self-signed} is set (tests and the demo). There is no default key:
 * without either, channel-api does not start.
 */
@Configuration(proxyBeanMethods = false)
class LoanSealConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LoanSealConfiguration.class);

    @Bean
    PdfSeal loanContractSeal(LoanProperties properties, Clock clock) {
        LoanProperties.Seal seal = properties.seal();
        SealCredentials credentials;
        if (seal.keyStore() != null) {
            if (seal.password() == null) {
                throw new IllegalStateException("branchlink.channel.loan.seal.password must be set with key-store");
            }
            credentials = SealCredentials.fromKeyStore(seal.keyStore(), seal.password().toCharArray(), seal.alias());
        } else if (seal.selfSigned()) {
            credentials = SealCredentials.selfSigned("BranchLink Demo Seal (not trusted)", clock.instant(),
                    Duration.ofDays(3650));
            log.warn("loan contracts are sealed with a self-signed key made at start: for tests and the demo only");
        } else {
            throw new IllegalStateException("no seal for loan contracts: set branchlink.channel.loan.seal.key-store"
                    + " (with password and alias), or self-signed=true in tests and the demo only");
        }
        log.info("loan contract seal subject=\"{}\" serial={}",
                credentials.certificate().getSubjectX500Principal().getName(),
                credentials.certificate().getSerialNumber().toString(16));
        return new PdfSeal(credentials);
    }
}
