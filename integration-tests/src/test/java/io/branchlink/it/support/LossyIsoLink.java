package io.branchlink.it.support;

import io.branchlink.protocol.iso8583.IsoFraming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The wire between the ITMs and the hub, able to lose answers: it relays every connection to the hub, reading the
 * hub's side frame by frame so that a test can make the next answer vanish, as a dropped 0210 would.
 */
public final class LossyIsoLink implements AutoCloseable {

    private final ServerSocket server;
    private final int hubPort;
    private final AtomicInteger answersToDrop = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final IsoFraming framing = new IsoFraming();

    public LossyIsoLink(int hubPort) throws IOException {
        this.hubPort = hubPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "lossy-iso-link");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The next answer the hub sends to any terminal is lost on the wire. */
    public void dropNextAnswer() {
        answersToDrop.incrementAndGet();
    }

    public int droppedAnswers() {
        return dropped.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket terminal = server.accept();
                Socket hub = new Socket(InetAddress.getLoopbackAddress(), hubPort);
                terminal.setTcpNoDelay(true);
                hub.setTcpNoDelay(true);
                daemon(() -> pump(terminal, hub), "link-to-hub");
                daemon(() -> answers(hub, terminal), "link-to-terminal");
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // the connection ended
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void answers(Socket hub, Socket terminal) {
        try (InputStream in = hub.getInputStream(); OutputStream out = terminal.getOutputStream()) {
            Optional<byte[]> frame;
            while ((frame = framing.read(in)).isPresent()) {
                if (answersToDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    dropped.incrementAndGet();
                    continue;
                }
                out.write(framing.frame(frame.get()));
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // the connection ended
        } finally {
            closeQuietly(hub);
            closeQuietly(terminal);
        }
    }

    private static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
