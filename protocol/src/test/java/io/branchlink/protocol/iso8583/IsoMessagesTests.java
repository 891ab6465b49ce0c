package io.branchlink.protocol.iso8583;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.qr.QrTokenCodec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoMessagesTests {

    private static FinancialRequest withTerminal(String terminalId) {
        return new FinancialRequest(TransactionKind.WITHDRAWAL, Money.ofMinor(100, "CNY"), IsoFixtures.AT, 1,
                IsoFixtures.LOCAL, "RRN000000001", terminalId, "BR001", "BL:X");
    }

    @Nested
    class FinancialRequests {

        @Test
        void neverPrintTheQrToken() {
            String text = IsoFixtures.withdrawal().toString();

            assertThat(text).doesNotContain(IsoFixtures.TOKEN.substring(0, 6)).contains("qrToken=<164 chars>")
                    .contains("ITM00101");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "ITM0010", "ITM001011", "ITM 0101", "ITM/0101"})
        void rejectTerminalIdsThatAreNotEightAlphanumerics(String terminalId) {
            assertThatThrownBy(() -> withTerminal(terminalId)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void rejectAmountsThatDoNotFitField4() {
            assertThatThrownBy(() -> new FinancialRequest(TransactionKind.WITHDRAWAL, Money.ofMinor(0, "CNY"),
                    IsoFixtures.AT, 1, IsoFixtures.LOCAL, "RRN000000001", "ITM00101", "BR001", "BL:X"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new FinancialRequest(TransactionKind.WITHDRAWAL,
                    Money.ofMinor(1_000_000_000_000L, "CNY"), IsoFixtures.AT, 1, IsoFixtures.LOCAL, "RRN000000001",
                    "ITM00101", "BR001", "BL:X")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void rejectCurrenciesWhoseNumericCodeIsShared() {
            assertThatThrownBy(() -> new FinancialRequest(TransactionKind.WITHDRAWAL, Money.ofMinor(1, "ANG"),
                    IsoFixtures.AT, 1, IsoFixtures.LOCAL, "RRN000000001", "ITM00101", "BR001", "BL:X"))
                    .hasMessageContaining("numeric");
        }

        @Test
        void rejectTokensLongerThanAQrTokenCanBe() {
            assertThat(Fields.MAX_QR_TOKEN_LENGTH).isEqualTo(QrTokenCodec.MAX_TEXT_LENGTH);
            assertThatThrownBy(() -> new FinancialRequest(TransactionKind.WITHDRAWAL, Money.ofMinor(1, "CNY"),
                    IsoFixtures.AT, 1, IsoFixtures.LOCAL, "RRN000000001", "ITM00101", "BR001", "x".repeat(401)))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void rejectBranchIdsLongerThanField42() {
            assertThatThrownBy(() -> new NetworkRequest(NetworkCode.SIGN_ON, IsoFixtures.AT, 1, "ITM00101",
                    "B".repeat(16))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Responses {

        @Test
        void echoTheRequestWithoutItsToken() {
            FinancialResponse response = IsoFixtures.approved();
            FinancialRequest request = IsoFixtures.withdrawal();

            assertThat(response).extracting(FinancialResponse::kind, FinancialResponse::amount,
                    FinancialResponse::stan, FinancialResponse::transmittedAt, FinancialResponse::rrn,
                    FinancialResponse::terminalId, FinancialResponse::branchId)
                    .containsExactly(request.kind(), request.amount(), request.stan(), request.transmittedAt(),
                            request.rrn(), request.terminalId(), request.branchId());
            assertThat(response.toString()).doesNotContain(IsoFixtures.TOKEN.substring(0, 6));
        }

        @Test
        void requireAnAuthorizationCodeOnlyOnApproval() {
            FinancialRequest request = IsoFixtures.withdrawal();

            assertThatThrownBy(() -> FinancialResponse.responseTo(request, IsoResponseCode.APPROVED))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> FinancialResponse.responseTo(request, IsoResponseCode.DO_NOT_HONOUR, "123456"))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void forReversalsAndNetworkMessagesEchoTheRequest() {
            ReversalResponse reversal = ReversalResponse.responseTo(IsoFixtures.fullReversal(),
                    IsoResponseCode.APPROVED);
            NetworkResponse network = NetworkResponse.responseTo(IsoFixtures.signOn(), IsoResponseCode.APPROVED);

            assertThat(reversal.stan()).isEqualTo(125);
            assertThat(reversal.mti()).isEqualTo(Mti.REVERSAL_RESPONSE);
            assertThat(network.terminalId()).isEqualTo("ITM00101");
            assertThat(network.transmittedAt()).isEqualTo(IsoFixtures.signOn().transmittedAt());
        }
    }

    @Nested
    class ReversalAdvices {

        @Test
        void refuseADispensedAmountThatIsNotBelowTheOriginal() {
            FinancialRequest request = IsoFixtures.withdrawal();

            assertThatThrownBy(() -> ReversalAdvice.partial(request, request.amount(), 2, IsoFixtures.AT))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ReversalAdvice.partial(request, Money.ofMinor(-1, "CNY"), 2, IsoFixtures.AT))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ReversalAdvice.partial(request, Money.ofMinor(1, "USD"), 2, IsoFixtures.AT))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void keyTheOriginalByItsStanAndTransmissionTime() {
            assertThat(IsoFixtures.fullReversal().original()).isEqualTo(
                    new OriginalTransaction(IsoFixtures.withdrawal().stan(), IsoFixtures.withdrawal().transmittedAt()));
        }
    }

    @Test
    void everyMtiNamesItsMacFieldAmongItsMandatoryFields() {
        for (Mti mti : Mti.values()) {
            assertThat(mti.mandatoryFields()).contains(mti.macField(), 7, 11, 41, 42);
            assertThat(IsoProfile.get().field(mti, mti.macField())).isNotNull();
        }
        assertThat(Mti.REVERSAL_ADVICE.code()).isEqualTo("0420");
    }
}
