package io.branchlink.channel.cardless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class TokenStatusTests {

    @Nested
    class AnActiveToken {

        @ParameterizedTest
        @EnumSource(value = TokenStatus.class, names = {"USED", "CANCELLED", "EXPIRED"})
        void mayBeUsedCancelledOrExpired(TokenStatus end) {
            assertThat(TokenStatus.ACTIVE.canMoveTo(end)).isTrue();
        }

        @Test
        void doesNotMoveToItself() {
            assertThat(TokenStatus.ACTIVE.canMoveTo(TokenStatus.ACTIVE)).isFalse();
        }
    }

    @Nested
    class AnEndedToken {

        @ParameterizedTest
        @CsvSource({
                "USED, ACTIVE", "USED, CANCELLED", "USED, EXPIRED",
                "CANCELLED, ACTIVE", "CANCELLED, USED", "CANCELLED, EXPIRED",
                "EXPIRED, ACTIVE", "EXPIRED, USED", "EXPIRED, CANCELLED"})
        void neverMovesAgain(TokenStatus from, TokenStatus to) {
            assertThat(from.canMoveTo(to)).isFalse();
            assertThat(from.isFinal()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(value = TokenStatus.class, names = {"USED", "CANCELLED", "EXPIRED"})
    void conditionalUpdatesMoveOnlyActiveTokens(TokenStatus end) {
        assertThat(TokenStatus.sourceOf(end)).isEqualTo(TokenStatus.ACTIVE);
    }

    @Test
    void nothingMovesATokenBackToActive() {
        assertThatIllegalStateException().isThrownBy(() -> TokenStatus.sourceOf(TokenStatus.ACTIVE));
    }
}
