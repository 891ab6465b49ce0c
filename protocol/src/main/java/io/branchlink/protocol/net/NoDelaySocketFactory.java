package io.branchlink.protocol.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets with Nagle's algorithm off, for every Paho client of the hub, the ITM agent and the teller
 * terminal: Paho never sets {@code TCP_NODELAY}, and with Nagle on each QoS 1 round trip waits for a delayed ACK
 * (44-88 ms instead of well under 1 ms, STACK.md).
 *
 * @see io.branchlink.protocol.net.NoDelaySocketFactoryTests
 */
public class NoDelaySocketFactory extends SocketFactory {

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return noDelay(new Socket(address, port, localAddress, localPort));
    }

    /** Sets {@code TCP_NODELAY}; subclasses may also keep the socket (tests do, to cut it abruptly). */
    protected Socket noDelay(Socket socket) throws SocketException {
        socket.setTcpNoDelay(true);
        return socket;
    }
}
