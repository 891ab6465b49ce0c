package io.branchlink.hub.support;

import io.branchlink.protocol.iso8583.Iso8583Codec;
import io.branchlink.protocol.iso8583.IsoFraming;
import io.branchlink.protocol.iso8583.IsoMessage;
import io.branchlink.protocol.iso8583.MacKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Instant;
import java.util.Optional;

/** A terminal's side of the ISO 8583 link for tests: one TCP connection, framed, MACed messages. */
public final class IsoTestClient implements AutoCloseable {

    private final Socket socket;
    private final MacKey key;
    private final String terminalId;
    private final IsoFraming framing = new IsoFraming();

    public IsoTestClient(int port, String terminalId, MacKey key) throws IOException {
        this(port, terminalId, key, null);
    }

    /** @param localAddress the loopback address to connect from, such as {@code 127.0.0.2}; null for any */
    public IsoTestClient(int port, String terminalId, MacKey key, String localAddress) throws IOException {
        this.socket = new Socket();
        if (localAddress != null) {
            this.socket.bind(new InetSocketAddress(localAddress, 0));
        }
        this.socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        this.socket.setSoTimeout(15_000);
        this.socket.setTcpNoDelay(true);
        this.key = key;
        this.terminalId = terminalId;
    }

    public IsoMessage exchange(IsoMessage request) throws IOException {
        sendRaw(framing.frame(Iso8583Codec.encode(request, key)));
        return receive().orElseThrow(() -> new IOException("connection closed without an answer"));
    }

    public void sendRaw(byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    /** The next answer's bytes, unframed and not decoded, or empty when the hub closed the connection. */
    public Optional<byte[]> receiveRaw() throws IOException {
        return framing.read(socket.getInputStream());
    }

    /** True when the hub has closed the connection: the next read ends the stream or fails. */
    public boolean closedByHub() {
        try {
            return receiveRaw().isEmpty();
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** The next answer, or empty when the hub closed the connection. */
    public Optional<IsoMessage> receive() throws IOException {
        InputStream in = socket.getInputStream();
        Optional<byte[]> message = framing.read(in);
        return message.map(bytes -> Iso8583Codec.decode(bytes,
                id -> id.equals(terminalId) ? Optional.of(key) : Optional.empty(), Instant.now()));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
