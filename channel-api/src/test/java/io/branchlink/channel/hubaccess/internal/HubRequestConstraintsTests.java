package io.branchlink.channel.hubaccess.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.protocol.hubapi.DepositRequest;
import io.branchlink.protocol.hubapi.ExecutionRequest;
import io.branchlink.protocol.hubapi.ReversalRequest;
import io.branchlink.protocol.hubapi.WithdrawalRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HubRequestConstraintsTests {

    private static final String TOKEN = "v1.token";
    private final Validator validator = validator();

    private static Validator validator() {
        HibernateValidatorConfiguration configuration = Validation.byProvider(HibernateValidator.class).configure();
        configuration.addMapping(HubRequestConstraints.declare(configuration.createConstraintMapping()));
        return configuration.buildValidatorFactory().getValidator();
    }

    private Map<String, String> errors(Object request) {
        Set<ConstraintViolation<Object>> violations = validator.validate(request);
        return violations.stream().collect(Collectors.toMap(v -> v.getPropertyPath().toString(),
                ConstraintViolation::getMessage, (one, other) -> one));
    }

    @Nested
    class TerminalTransactions {

        @Test
        void acceptAWellFormedWithdrawal() {
            assertThat(errors(new WithdrawalRequest(TOKEN, "ITM00001", 42, Instant.now(), BigDecimal.TEN, "CNY",
                    "R42"))).isEmpty();
        }

        @Test
        void nameEachBadFieldOfADeposit() {
            assertThat(errors(new DepositRequest(" ", "itm 1", 1_000_000, null, null, "cny", "R-42", true)))
                    .containsOnlyKeys("token", "terminalId", "stan", "transmittedAt", "amount", "currency", "rrn");
        }

        @Test
        void refuseAReversalOfAnUnknownKindWithThePatternInTheAnswer() {
            assertThat(errors(new ReversalRequest("REFUND", "ITM00001", 1, Instant.now(), BigDecimal.ONE, "CNY")))
                    .containsExactly(Map.entry("kind", "must match \"WITHDRAWAL|DEPOSIT\""));
        }

        @Test
        void refuseANegativeCompletedAmount() {
            assertThat(errors(new ReversalRequest("DEPOSIT", "ITM00001", 1, Instant.now(), new BigDecimal("-1"),
                    "CNY"))).containsOnlyKeys("completedAmount");
        }
    }

    @Nested
    class TellerDecisions {

        @Test
        void acceptAConfirmationWithoutAReason() {
            assertThat(errors(new ExecutionRequest("c-1", "0123456789abcdef0123456789abcdef", "T0042", "TLR00001",
                    "CONFIRM", null))).isEmpty();
        }

        @Test
        void refuseAnUnknownDecisionAndAnEmptyReason() {
            assertThat(errors(new ExecutionRequest("c-1", "0123456789abcdef0123456789abcdef", "T0042", "TLR00001",
                    "MAYBE", ""))).containsOnlyKeys("decision", "reason");
        }

        @Test
        void refuseAConfirmationIdThatIsTooLongOrHasOtherCharacters() {
            assertThat(errors(confirmation("c".repeat(65))))
                    .containsExactly(Map.entry("confirmationId", "size must be between 0 and 64"));
            assertThat(errors(confirmation("c 1")))
                    .containsExactly(Map.entry("confirmationId", "must match \"[A-Za-z0-9._:-]+\""));
            assertThat(errors(confirmation(null))).containsOnlyKeys("confirmationId");
            assertThat(errors(confirmation("2026-12-07T10:00:00.1_a-" + "c".repeat(40)))).isEmpty();
        }

        @Test
        void nameEachBadFieldOfADecision() {
            assertThat(errors(new ExecutionRequest(" ", "0123456789ABCDEF0123456789ABCDEF", "t".repeat(33),
                    "tlr00001", null, "r".repeat(201))))
                    .containsOnlyKeys("confirmationId", "tokenId", "tellerId", "terminalId", "decision", "reason");
        }

        private static ExecutionRequest confirmation(String confirmationId) {
            return new ExecutionRequest(confirmationId, "0123456789abcdef0123456789abcdef", "T0042", "TLR00001",
                    "CONFIRM", null);
        }
    }
}
