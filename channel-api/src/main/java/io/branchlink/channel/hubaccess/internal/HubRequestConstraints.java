package io.branchlink.channel.hubaccess.internal;

import io.branchlink.protocol.hubapi.DepositRequest;
import io.branchlink.protocol.hubapi.ExecutionRequest;
import io.branchlink.protocol.hubapi.ReversalRequest;
import io.branchlink.protocol.hubapi.WithdrawalRequest;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;
import org.hibernate.validator.cfg.context.TypeConstraintMappingContext;
import org.hibernate.validator.cfg.defs.MaxDef;
import org.hibernate.validator.cfg.defs.MinDef;
import org.hibernate.validator.cfg.defs.NotBlankDef;
import org.hibernate.validator.cfg.defs.NotNullDef;
import org.hibernate.validator.cfg.defs.PatternDef;
import org.hibernate.validator.cfg.defs.SizeDef;
import org.springframework.boot.autoconfigure.validation.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The checks on hub request bodies. The bodies are protocol records, shared with the hub and free of Bean
 * Validation annotations, so their constraints are declared here, on the application's validator: {@code @Valid}
 * then checks them as it would annotations, and a bad field is answered as before (a FORMAT_ERROR problem that
 * lists the field).
 *
 * @see io.branchlink.channel.terminal.HubRedemptionIntegrationTests
 */
@Configuration(proxyBeanMethods = false)
class HubRequestConstraints {

    static final String TERMINAL = "[A-Z0-9]{8}";
    static final String CURRENCY = "[A-Z]{3}";
    static final String RRN = "[0-9A-Za-z]{1,12}";

    @Bean
    static ValidationConfigurationCustomizer hubRequestChecks() {
        return configuration -> {
            if (!(configuration instanceof HibernateValidatorConfiguration hibernate)) {
                throw new IllegalStateException("hub request checks need Hibernate Validator, found "
                        + configuration.getClass().getName());
            }
            hibernate.addMapping(declare(hibernate.createConstraintMapping()));
        };
    }

    static ConstraintMapping declare(ConstraintMapping mapping) {
        terminalTransaction(mapping.type(WithdrawalRequest.class));
        terminalTransaction(mapping.type(DepositRequest.class));
        mapping.type(ReversalRequest.class)
                .field("kind").constraint(new NotBlankDef()).constraint(new PatternDef().regexp("WITHDRAWAL|DEPOSIT"))
                .field("terminalId").constraint(new NotBlankDef()).constraint(new PatternDef().regexp(TERMINAL))
                .field("stan").constraint(new MinDef().value(0)).constraint(new MaxDef().value(999_999))
                .field("transmittedAt").constraint(new NotNullDef())
                .field("completedAmount").constraint(new NotNullDef()).constraint(new MinDef().value(0))
                .field("currency").constraint(new NotBlankDef()).constraint(new PatternDef().regexp(CURRENCY));
        mapping.type(ExecutionRequest.class)
                .field("confirmationId").constraint(new NotBlankDef()).constraint(new SizeDef().max(64))
                .constraint(new PatternDef().regexp("[A-Za-z0-9._:-]+"))
                .field("tokenId").constraint(new NotBlankDef()).constraint(new PatternDef().regexp("[0-9a-f]{32}"))
                .field("tellerId").constraint(new NotBlankDef()).constraint(new SizeDef().max(32))
                .constraint(new PatternDef().regexp("[A-Za-z0-9._-]+"))
                .field("terminalId").constraint(new NotBlankDef()).constraint(new PatternDef().regexp(TERMINAL))
                .field("decision").constraint(new NotBlankDef()).constraint(new PatternDef().regexp("CONFIRM|REJECT"))
                .field("reason").constraint(new SizeDef().min(1).max(200));
        return mapping;
    }

    private static void terminalTransaction(TypeConstraintMappingContext<?> type) {
        type.field("token").constraint(new NotBlankDef()).constraint(new SizeDef().max(400))
                .field("terminalId").constraint(new NotBlankDef()).constraint(new PatternDef().regexp(TERMINAL))
                .field("stan").constraint(new MinDef().value(0)).constraint(new MaxDef().value(999_999))
                .field("transmittedAt").constraint(new NotNullDef())
                .field("amount").constraint(new NotNullDef())
                .field("currency").constraint(new NotBlankDef()).constraint(new PatternDef().regexp(CURRENCY))
                .field("rrn").constraint(new PatternDef().regexp(RRN));
    }
}
