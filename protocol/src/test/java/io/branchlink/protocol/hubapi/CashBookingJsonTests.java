package io.branchlink.protocol.hubapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The large-cash booking bodies of the hub API as both sides write and read them. */
class CashBookingJsonTests {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void keepTheScannedCodeOutOfTheScansText() throws Exception {
        CashBookingScan scan = new CashBookingScan("BL:secret-code");

        assertThat(scan.toString()).doesNotContain("secret-code");
        assertThat(json.writeValueAsString(scan)).isEqualTo("{\"code\":\"BL:secret-code\"}");
    }

    @Test
    void readABookingAtTheCounterIgnoringMembersTheyDoNotKnow() throws Exception {
        CashBookingAtCounter booking = json.readValue("""
                {"outcome":"REFUSED","refusal":"WRONG_DAY","message":"This booking is for 2026-12-09.",
                 "bookingId":"b1","branchId":"BR001","amount":"60000.00","currency":"CNY",
                 "withdrawalDate":"2026-12-09","denomination":"CNY100","newMember":1}""", CashBookingAtCounter.class);

        assertThat(booking.refusal()).isEqualTo("WRONG_DAY");
        assertThat(booking.withdrawalDate()).isEqualTo(LocalDate.parse("2026-12-09"));
        assertThat(booking.voucherReference()).isNull();
    }

    @Test
    void writeAPayoutRequestWithItsFourMembers() throws Exception {
        assertThat(json.writeValueAsString(new CashPayoutRequest("b1", "c1", "T0042", "TLR00101"))).isEqualTo(
                "{\"bookingId\":\"b1\",\"confirmationId\":\"c1\",\"tellerId\":\"T0042\",\"terminalId\":\"TLR00101\"}");
    }
}
