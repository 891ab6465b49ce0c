package io.branchlink.protocol.rc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchlink.protocol.iso8583.IsoFormatException;
import io.branchlink.protocol.iso8583.IsoResponseCode;
import java.io.StringReader;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class IsoResponseCodesTests {

    private final IsoResponseCodes codes = IsoResponseCodes.standard();

    @Nested
    class ToField39 {

        @ParameterizedTest
        @CsvSource({
                "APPROVED, 00",
                "DO_NOT_HONOUR, 05", "ACCOUNT_BLOCKED, 05", "STEP_UP_REQUIRED, 05",
                "ACCESS_DENIED, 05", "NOT_FOUND, 05", "CONFLICT, 05",
                "NOT_SUFFICIENT_FUNDS, 51",
                "INVALID_AMOUNT, 13",
                "EXCEEDS_LIMIT, 61",
                "TOKEN_INVALID, 63", "SECURITY_VIOLATION, 63", "UNAUTHENTICATED, 63",
                "TOKEN_EXPIRED, 54",
                "RISK_DECLINED, 59",
                "INVALID_TRANSACTION, 12",
                "DUPLICATE, 94",
                "FORMAT_ERROR, 30", "MISSING_FIELD, 30",
                "HOST_UNREACHABLE, 91",
                "SYSTEM_ERROR, 96"})
        void mapsEachIrcToItsResponseCode(Irc irc, String field39) {
            assertThat(codes.responseCode(irc).code()).isEqualTo(field39);
            assertThat(codes.text(irc)).isNotBlank();
        }

        @ParameterizedTest
        @EnumSource(Irc.class)
        void mapsEveryIrc(Irc irc) {
            assertThat(codes.responseCode(irc)).isNotNull();
            assertThat(codes.responseCode(irc).approved()).isEqualTo(irc.success());
        }

        @Test
        void mapsRiskDeclinedToSuspectedFraud59() {
            assertThat(codes.responseCode(Irc.RISK_DECLINED)).isEqualTo(IsoResponseCode.SUSPECTED_FRAUD);
            assertThat(IsoResponseCode.SUSPECTED_FRAUD.code()).isEqualTo("59");
            assertThat(IsoResponseCode.SUSPECTED_FRAUD.approved()).isFalse();
        }

        @Test
        void mapsInsufficientFundsTo51() {
            assertThat(codes.responseCode(Irc.NOT_SUFFICIENT_FUNDS)).isEqualTo(IsoResponseCode.NOT_SUFFICIENT_FUNDS);
        }
    }

    @Nested
    class FromField39 {

        @ParameterizedTest
        @CsvSource({
                "00, APPROVED", "05, DO_NOT_HONOUR", "12, INVALID_TRANSACTION", "13, INVALID_AMOUNT",
                "30, FORMAT_ERROR", "51, NOT_SUFFICIENT_FUNDS", "54, TOKEN_EXPIRED", "55, DO_NOT_HONOUR",
                "59, RISK_DECLINED",
                "61, EXCEEDS_LIMIT", "63, SECURITY_VIOLATION", "91, HOST_UNREACHABLE", "94, DUPLICATE",
                "96, SYSTEM_ERROR"})
        void readsEachResponseCodeBackToOneIrc(String field39, Irc irc) {
            assertThat(codes.irc(field39)).isEqualTo(irc);
        }

        @ParameterizedTest
        @EnumSource(IsoResponseCode.class)
        void readsBackToAnIrcThatMapsToTheSameCodeWhereTheTableHasOne(IsoResponseCode code) {
            Irc irc = codes.irc(code);
            if (code != IsoResponseCode.INCORRECT_PIN) {
                assertThat(codes.responseCode(irc)).isEqualTo(code);
            } else {
                assertThat(irc).isEqualTo(Irc.DO_NOT_HONOUR);
            }
        }

        @Test
        void readsAnUnknownCodeAsADecline() {
            assertThat(codes.irc("Z9")).isEqualTo(Irc.DO_NOT_HONOUR);
            assertThat(codes.irc((String) null)).isEqualTo(Irc.DO_NOT_HONOUR);
        }
    }

    @Test
    void mapsFormatFailuresOfTheIsoLink() {
        assertThat(IsoResponseCodes.irc(IsoFormatException.Reason.BAD_MAC)).isEqualTo(Irc.SECURITY_VIOLATION);
        assertThat(IsoResponseCodes.irc(IsoFormatException.Reason.UNKNOWN_TERMINAL)).isEqualTo(Irc.SECURITY_VIOLATION);
        assertThat(IsoResponseCodes.irc(IsoFormatException.Reason.MISSING_FIELD)).isEqualTo(Irc.MISSING_FIELD);
        for (IsoFormatException.Reason reason : IsoFormatException.Reason.values()) {
            assertThat(codes.responseCode(IsoResponseCodes.irc(reason)).code()).isIn("30", "63");
        }
    }

    @Nested
    class ReadingATable {

        private String completeTable() {
            return Arrays.stream(Irc.values()).map(irc -> irc.name() + "=96,x").collect(Collectors.joining("\n"));
        }

        @Test
        void acceptsAnOverrideTable() throws Exception {
            IsoResponseCodes custom = IsoResponseCodes.read(new StringReader("# all 96\n\n" + completeTable()));

            assertThat(custom.responseCode(Irc.APPROVED)).isEqualTo(IsoResponseCode.SYSTEM_MALFUNCTION);
        }

        @Test
        void rejectsATableThatLeavesAnIrcOut() {
            assertThatThrownBy(() -> IsoResponseCodes.read(new StringReader("APPROVED=00,Approved")))
                    .hasMessageContaining("no field 39 code");
        }

        @Test
        void rejectsUnknownNamesCodesAndDuplicates() {
            assertThatThrownBy(() -> IsoResponseCodes.read(new StringReader("NOPE=00,x")))
                    .hasMessageContaining("unknown Irc");
            assertThatThrownBy(() -> IsoResponseCodes.read(new StringReader("APPROVED=0X,x")))
                    .hasMessageContaining("unknown field 39 code");
            assertThatThrownBy(() -> IsoResponseCodes.read(new StringReader("APPROVED=00,x\nAPPROVED=00,y")))
                    .hasMessageContaining("twice");
            assertThatThrownBy(() -> IsoResponseCodes.read(new StringReader("APPROVED 00")))
                    .hasMessageContaining("line 1");
        }
    }
}
