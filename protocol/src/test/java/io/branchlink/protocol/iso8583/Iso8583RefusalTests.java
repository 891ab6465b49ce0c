package io.branchlink.protocol.iso8583;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@link Iso8583Codec#refusal}: an authentic, readable request is answered; nothing else is. */
class Iso8583RefusalTests {

    private static byte[] remac(byte[] message) {
        byte[] copy = Arrays.copyOf(message, message.length);
        int offset = copy.length - IsoMac.BYTES;
        System.arraycopy(IsoMac.compute(IsoFixtures.KEY, copy, 0, offset), 0, copy, offset, IsoMac.BYTES);
        return copy;
    }

    @Nested
    class Answers {

        @Test
        void aValidRequestExactlyAsItsResponseWithTheCodeWouldBe() {
            byte[] request = Iso8583Codec.encode(IsoFixtures.withdrawal(), IsoFixtures.KEY);

            assertThat(Iso8583Codec.refusal(request, IsoFixtures.KEYS, IsoResponseCode.FORMAT_ERROR)).get()
                    .isEqualTo(Iso8583Codec.encode(FinancialResponse.responseTo(IsoFixtures.withdrawal(),
                            IsoResponseCode.FORMAT_ERROR), IsoFixtures.KEY));
            assertThat(Iso8583Codec.refusal(Iso8583Codec.encode(IsoFixtures.signOn(), IsoFixtures.KEY),
                    IsoFixtures.KEYS, IsoResponseCode.FORMAT_ERROR)).get()
                    .isEqualTo(Iso8583Codec.encode(NetworkResponse.responseTo(IsoFixtures.signOn(),
                            IsoResponseCode.FORMAT_ERROR), IsoFixtures.KEY));
            assertThat(Iso8583Codec.refusal(Iso8583Codec.encode(IsoFixtures.partialReversal(), IsoFixtures.KEY),
                    IsoFixtures.KEYS, IsoResponseCode.FORMAT_ERROR)).get()
                    .isEqualTo(Iso8583Codec.encode(ReversalResponse.responseTo(IsoFixtures.partialReversal(),
                            IsoResponseCode.FORMAT_ERROR), IsoFixtures.KEY));
        }

        @Test
        void anAuthenticRequestWithAnInvalidFieldValueEchoingItAsReceived() {
            byte[] request = Iso8583Codec.encode(IsoFixtures.withdrawal(), IsoFixtures.KEY);
            request[2 + 8] = (byte) 0x99; // field 3: processing code 990000, not in the profile
            request = remac(request);

            byte[] answer = Iso8583Codec.refusal(request, IsoFixtures.KEYS, IsoResponseCode.FORMAT_ERROR)
                    .orElseThrow();

            assertThat(answer).startsWith(0x02, 0x10);
            assertThat(answer[2 + 8]).isEqualTo((byte) 0x99);
            assertThat(IsoMac.matches(IsoFixtures.KEY, answer)).isTrue();
        }
    }

    @Nested
    class DoesNotAnswer {

        @Test
        void aBadMac() {
            byte[] request = Iso8583Codec.encode(IsoFixtures.withdrawal(), IsoFixtures.KEY);
            request[request.length - 1] ^= 0x5A;

            assertThat(Iso8583Codec.refusal(request, IsoFixtures.KEYS, IsoResponseCode.FORMAT_ERROR)).isEmpty();
        }

        @Test
        void anUnknownTerminal() {
            byte[] request = Iso8583Codec.encode(IsoFixtures.withdrawal(), IsoFixtures.KEY);

            assertThat(Iso8583Codec.refusal(request, id -> Optional.empty(), IsoResponseCode.FORMAT_ERROR))
                    .isEmpty();
        }

        @Test
        void aResponse() {
            byte[] response = Iso8583Codec.encode(IsoFixtures.approved(), IsoFixtures.KEY);

            assertThat(Iso8583Codec.refusal(response, IsoFixtures.KEYS, IsoResponseCode.FORMAT_ERROR)).isEmpty();
        }

        @Test
        void anUnreadableMessage() {
            byte[] request = Iso8583Codec.encode(IsoFixtures.withdrawal(), IsoFixtures.KEY);

            assertThat(Iso8583Codec.refusal(Arrays.copyOf(request, request.length - 9), IsoFixtures.KEYS,
                    IsoResponseCode.FORMAT_ERROR)).isEmpty();
            assertThat(Iso8583Codec.refusal(new byte[] {0x02}, IsoFixtures.KEYS, IsoResponseCode.FORMAT_ERROR))
                    .isEmpty();
        }
    }
}
