package io.branchlink.protocol.iso8583;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IsoResponseCodeTests {

    @ParameterizedTest
    @CsvSource({
            "00, APPROVED, Approved",
            "05, DO_NOT_HONOUR, Do not honour",
            "12, INVALID_TRANSACTION, Invalid transaction",
            "13, INVALID_AMOUNT, Invalid amount",
            "30, FORMAT_ERROR, Format error",
            "51, NOT_SUFFICIENT_FUNDS, Not sufficient funds",
            "54, EXPIRED, Expired card or token",
            "55, INCORRECT_PIN, Incorrect PIN or OTP",
            "59, SUSPECTED_FRAUD, Suspected fraud",
            "61, EXCEEDS_WITHDRAWAL_LIMIT, Exceeds withdrawal amount limit",
            "63, SECURITY_VIOLATION, Security violation",
            "91, ISSUER_INOPERATIVE, Issuer or switch inoperative",
            "94, DUPLICATE_TRANSMISSION, Duplicate transmission",
            "96, SYSTEM_MALFUNCTION, System malfunction"})
    void carriesItsCodeAndIsoMeaning(String code, IsoResponseCode expected, String meaning) {
        assertThat(IsoResponseCode.fromCode(code)).contains(expected);
        assertThat(expected.code()).isEqualTo(code);
        assertThat(expected.meaning()).isEqualTo(meaning);
    }

    @Test
    void hasExactlyTheProfileCodes() {
        assertThat(IsoResponseCode.values()).hasSize(14);
        assertThat(IsoResponseCode.fromCode("14")).isEmpty();
        assertThat(IsoResponseCode.fromCode(null)).isEmpty();
        assertThat(IsoResponseCode.APPROVED.approved()).isTrue();
        assertThat(IsoResponseCode.DO_NOT_HONOUR.approved()).isFalse();
    }

    @Test
    void showsCustomersTheMeaningButNotASuspicionOfFraud() {
        assertThat(IsoResponseCode.NOT_SUFFICIENT_FUNDS.customerReason()).isEqualTo("Not sufficient funds");
        assertThat(IsoResponseCode.SUSPECTED_FRAUD.customerReason()).doesNotContainIgnoringCase("fraud")
                .contains("banking app");
    }
}
