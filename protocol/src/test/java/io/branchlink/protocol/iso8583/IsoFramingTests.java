package io.branchlink.protocol.iso8583;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchlink.protocol.iso8583.IsoFormatException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class IsoFramingTests {

    private final IsoFraming framing = new IsoFraming();
    private final byte[] message = {0x02, 0x00, 0x11, 0x22, 0x33};

    @Test
    void prefixesTheLengthBigEndian() {
        assertThat(framing.frame(message)).containsExactly(0x00, 0x05, 0x02, 0x00, 0x11, 0x22, 0x33);
        assertThat(framing.frame(new byte[300])).startsWith(0x01, 0x2c);
    }

    @Test
    void describesTheSameFramingToNetty() {
        assertThat(IsoFraming.LENGTH_FIELD_OFFSET).isZero();
        assertThat(IsoFraming.LENGTH_FIELD_LENGTH).isEqualTo(2);
        assertThat(IsoFraming.INITIAL_BYTES_TO_STRIP).isEqualTo(2);
        assertThat(IsoFraming.LENGTH_ADJUSTMENT).isZero();
        assertThat(framing.maxMessageLength()).isEqualTo(4096);
        assertThat(framing.nettyMaxFrameLength()).isEqualTo(4098);
    }

    @Test
    void refusesToFrameAnEmptyOrOversizedMessage() {
        assertThatThrownBy(() -> framing.frame(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> framing.frame(new byte[4097])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IsoFraming(65536)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(IsoFormatException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Nested
    class Unframe {

        @Test
        void returnsTheMessageOfAnExactFrame() {
            assertThat(framing.unframe(framing.frame(message))).isEqualTo(message);
        }

        @Test
        void rejectsAShortFrameAsTruncated() {
            assertRejected(() -> framing.unframe(new byte[] {0x00}), Reason.TRUNCATED);
            assertRejected(() -> framing.unframe(new byte[] {0x00, 0x05, 0x02}), Reason.TRUNCATED);
        }

        @Test
        void rejectsTrailingBytesAsBadLength() {
            assertRejected(() -> framing.unframe(new byte[] {0x00, 0x01, 0x02, 0x03}), Reason.BAD_LENGTH);
        }

        @Test
        void rejectsAZeroPrefixAsBadLength() {
            assertRejected(() -> framing.unframe(new byte[] {0x00, 0x00}), Reason.BAD_LENGTH);
        }

        @Test
        void rejectsAPrefixAboveTheMaximumBeforeLookingFurther() {
            assertRejected(() -> framing.unframe(new byte[] {(byte) 0xff, (byte) 0xff}), Reason.BAD_LENGTH);
        }
    }

    @Nested
    class FromAByteBuffer {

        @Test
        void waitsForAWholeFrameWithoutConsumingAnything() {
            ByteBuffer partial = ByteBuffer.wrap(new byte[] {0x00, 0x05, 0x02, 0x00});

            assertThat(framing.read(partial)).isEmpty();
            assertThat(partial.position()).isZero();
            assertThat(framing.read(ByteBuffer.wrap(new byte[] {0x00}))).isEmpty();
        }

        @Test
        void readsConsecutiveFrames() {
            ByteBuffer two = ByteBuffer.allocate(20).put(framing.frame(message)).put(framing.frame(new byte[] {9}));
            two.flip();

            assertThat(framing.read(two)).hasValueSatisfying(m -> assertThat(m).isEqualTo(message));
            assertThat(framing.read(two)).hasValueSatisfying(m -> assertThat(m).containsExactly(9));
            assertThat(two.hasRemaining()).isFalse();
        }

        @Test
        void rejectsAnOversizedPrefixAsSoonAsItIsReadable() {
            assertRejected(() -> framing.read(ByteBuffer.wrap(new byte[] {(byte) 0xff, (byte) 0xff})),
                    Reason.BAD_LENGTH);
        }
    }

    @Nested
    class FromAStream {

        @Test
        void readsFramesUntilTheStreamEndsCleanly() throws IOException {
            byte[] both = new byte[14];
            System.arraycopy(framing.frame(message), 0, both, 0, 7);
            System.arraycopy(framing.frame(message), 0, both, 7, 7);
            InputStream in = new ByteArrayInputStream(both);

            assertThat(framing.read(in)).hasValueSatisfying(m -> assertThat(m).isEqualTo(message));
            assertThat(framing.read(in)).hasValueSatisfying(m -> assertThat(m).isEqualTo(message));
            assertThat(framing.read(in)).isEmpty();
        }

        @Test
        void rejectsAStreamThatEndsInsideAFrameAsTruncated() {
            assertRejected(() -> framing.read(new ByteArrayInputStream(new byte[] {0x00})), Reason.TRUNCATED);
            assertRejected(() -> framing.read(new ByteArrayInputStream(new byte[] {0x00, 0x05, 0x02})),
                    Reason.TRUNCATED);
        }

        @Test
        void rejectsAnOversizedPrefixWithoutReadingOrAllocatingTheBody() {
            CountingStream in = new CountingStream(new byte[] {(byte) 0xff, (byte) 0xff, 1, 2, 3});

            assertRejected(() -> framing.read(in), Reason.BAD_LENGTH);
            assertThat(in.bytesRead).isEqualTo(2);
        }

        @Test
        void rejectsAZeroPrefix() {
            assertRejected(() -> framing.read(new ByteArrayInputStream(new byte[] {0x00, 0x00})), Reason.BAD_LENGTH);
        }
    }

    private static final class CountingStream extends InputStream {

        private final byte[] data;
        private int bytesRead;

        CountingStream(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return bytesRead < data.length ? Byte.toUnsignedInt(data[bytesRead++]) : -1;
        }
    }
}
