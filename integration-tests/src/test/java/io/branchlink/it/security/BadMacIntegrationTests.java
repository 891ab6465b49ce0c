package io.branchlink.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchlink.it.support.EndToEndTest;
import io.branchlink.protocol.iso8583.FinancialRequest;
import io.branchlink.protocol.iso8583.FinancialResponse;
import io.branchlink.protocol.iso8583.Iso8583Codec;
import io.branchlink.protocol.iso8583.IsoFormatException;
import io.branchlink.protocol.iso8583.IsoFraming;
import io.branchlink.protocol.iso8583.MacKey;
import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.money.Money;
import io.branchlink.sim.app.SimulatedApp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A device on the branch network that speaks ISO 8583 as ITM00101 but does not hold its MAC key: it presents a
 * genuine staged token and gets a clear 63, and no money moves.
 */
class BadMacIntegrationTests extends EndToEndTest {

    private static final MacKey WRONG_KEY = MacKey.fromHex("deadbeefdeadbeefdeadbeefdeadbeef");

    @Test
    void aMessageWithABadMacIsDeclinedWith63AndMovesNoMoney() throws IOException {
        Customer customer = customer("2000");
        SimulatedApp.Staged staged = customer.app().stageWithdrawal(customer.accountId(), Money.parse("500", "CNY"),
                "BR001");
        FinancialRequest request = new FinancialRequest(TransactionKind.WITHDRAWAL, Money.parse("500", "CNY"),
                Instant.now().truncatedTo(ChronoUnit.SECONDS), 777_001, LocalDateTime.now(ZoneOffset.UTC),
                "000000777001", "ITM00101", "BR001", customer.app().qrShownOnScreen(staged));
        IsoFraming framing = new IsoFraming();

        byte[] answer;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), branch.settings().isoPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(framing.frame(Iso8583Codec.encode(request, WRONG_KEY)));
            answer = framing.read(socket.getInputStream()).orElseThrow();
        }

        // The hub MACs its answer with the real key, which this device does not have: it can read, not trust, it.
        assertThatThrownBy(() -> Iso8583Codec.decode(answer, id -> Optional.of(WRONG_KEY), Instant.now()))
                .isInstanceOfSatisfying(IsoFormatException.class, e -> assertThat(e.unauthenticated()).get()
                        .isInstanceOfSatisfying(FinancialResponse.class,
                                response -> assertThat(response.responseCode().code()).isEqualTo("63")));
        assertThat(customer.balance()).isEqualTo(Money.parse("2000", "CNY"));
        assertThat(customer.app().tokenStatus(staged.tokenId())).isEqualTo("ACTIVE");
    }
}
