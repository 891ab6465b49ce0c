package io.branchlink.protocol.iso8583;

import io.branchlink.protocol.iso8583.IsoFormatException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

/**
 * The TCP framing of the ISO 8583 link: each message is preceded by its length as a 2-byte big-endian unsigned
 * integer, with no TPDU. The length is checked against a configured maximum before any buffer is allocated.
 *
 * <p>The constants describe the same framing to Netty's {@code LengthFieldBasedFrameDecoder(maxFrameLength,
 * LENGTH_FIELD_OFFSET, LENGTH_FIELD_LENGTH, LENGTH_ADJUSTMENT, INITIAL_BYTES_TO_STRIP)}, with {@link
 * #nettyMaxFrameLength()}.
 *
 * @see io.branchlink.protocol.iso8583.IsoFramingTests
 */
public final class IsoFraming {

    public static final int LENGTH_FIELD_OFFSET = 0;
    public static final int LENGTH_FIELD_LENGTH = 2;
    public static final int LENGTH_ADJUSTMENT = 0;
    public static final int INITIAL_BYTES_TO_STRIP = 2;
    /** Default largest message, excluding the length prefix. */
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 4096;
    /** The largest length a 2-byte prefix can state. */
    public static final int PREFIX_MAX = 0xFFFF;

    private final int maxMessageLength;

    public IsoFraming() {
        this(DEFAULT_MAX_MESSAGE_LENGTH);
    }

    /** @param maxMessageLength the largest message accepted, excluding the prefix: 1 to 65535 */
    public IsoFraming(int maxMessageLength) {
        if (maxMessageLength < 1 || maxMessageLength > PREFIX_MAX) {
            throw new IllegalArgumentException("maximum message length must be 1-" + PREFIX_MAX);
        }
        this.maxMessageLength = maxMessageLength;
    }

    public int maxMessageLength() {
        return maxMessageLength;
    }

    /** Netty counts the length field in its maximum frame length. */
    public int nettyMaxFrameLength() {
        return maxMessageLength + LENGTH_FIELD_LENGTH;
    }

    /** Prefixes the message with its length. */
    public byte[] frame(byte[] message) {
        Objects.requireNonNull(message, "message");
        if (message.length == 0 || message.length > maxMessageLength) {
            throw new IllegalArgumentException("message length " + message.length + " outside 1-" + maxMessageLength);
        }
        byte[] frame = new byte[LENGTH_FIELD_LENGTH + message.length];
        frame[0] = (byte) (message.length >>> 8);
        frame[1] = (byte) message.length;
        System.arraycopy(message, 0, frame, LENGTH_FIELD_LENGTH, message.length);
        return frame;
    }

    /**
     * Returns the message inside a buffer that holds exactly one frame.
     *
     * @throws IsoFormatException {@code TRUNCATED} when bytes are missing, {@code BAD_LENGTH} when the prefix is
     *     zero, above the maximum, or followed by more bytes than it states
     */
    public byte[] unframe(byte[] frame) {
        Objects.requireNonNull(frame, "frame");
        if (frame.length < LENGTH_FIELD_LENGTH) {
            throw new IsoFormatException(Reason.TRUNCATED, "length prefix incomplete");
        }
        int length = checkedLength(frame[0], frame[1]);
        int available = frame.length - LENGTH_FIELD_LENGTH;
        if (available < length) {
            throw new IsoFormatException(Reason.TRUNCATED, "frame ends " + (length - available) + " bytes early");
        }
        if (available > length) {
            throw new IsoFormatException(Reason.BAD_LENGTH, (available - length) + " bytes after the frame");
        }
        byte[] message = new byte[length];
        System.arraycopy(frame, LENGTH_FIELD_LENGTH, message, 0, length);
        return message;
    }

    /**
     * Takes one message from the buffer if a whole frame is there, advancing its position past the frame; otherwise
     * returns empty and leaves the position unchanged, so more bytes can be appended and the call repeated.
     *
     * @throws IsoFormatException {@code BAD_LENGTH} as soon as the prefix is readable and invalid
     */
    public Optional<byte[]> read(ByteBuffer buffer) {
        Objects.requireNonNull(buffer, "buffer");
        if (buffer.remaining() < LENGTH_FIELD_LENGTH) {
            return Optional.empty();
        }
        int start = buffer.position();
        int length = checkedLength(buffer.get(start), buffer.get(start + 1));
        if (buffer.remaining() < LENGTH_FIELD_LENGTH + length) {
            return Optional.empty();
        }
        byte[] message = new byte[length];
        buffer.position(start + LENGTH_FIELD_LENGTH);
        buffer.get(message);
        return Optional.of(message);
    }

    /**
     * Reads one frame from the stream. Blocks like the stream does; a read timeout belongs on the socket.
     *
     * @return the message, or empty when the stream ended cleanly before a new frame began
     * @throws IsoFormatException {@code TRUNCATED} when the stream ends inside a frame, {@code BAD_LENGTH} for an
     *     invalid prefix (before anything more is read or allocated)
     */
    public Optional<byte[]> read(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        int high = in.read();
        if (high < 0) {
            return Optional.empty();
        }
        int low = in.read();
        if (low < 0) {
            throw new IsoFormatException(Reason.TRUNCATED, "length prefix incomplete");
        }
        int length = checkedLength((byte) high, (byte) low);
        byte[] message = in.readNBytes(length);
        if (message.length < length) {
            throw new IsoFormatException(Reason.TRUNCATED, "frame ends " + (length - message.length) + " bytes early");
        }
        return Optional.of(message);
    }

    private int checkedLength(byte high, byte low) {
        int length = (Byte.toUnsignedInt(high) << 8) | Byte.toUnsignedInt(low);
        if (length == 0) {
            throw new IsoFormatException(Reason.BAD_LENGTH, "length prefix is zero");
        }
        if (length > maxMessageLength) {
            throw new IsoFormatException(Reason.BAD_LENGTH,
                    "length prefix " + length + " above the maximum " + maxMessageLength);
        }
        return length;
    }
}
