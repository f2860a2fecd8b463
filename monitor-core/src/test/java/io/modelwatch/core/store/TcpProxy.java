package io.modelwatch.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP forwarder in front of the test database, which a test can cut ({@link #stop()}: every
 * connection is reset and new ones are refused) and restore ({@link #start()}, on the same port),
 * as a database server that restarts or a network that fails looks to the store.
 */
final class TcpProxy implements AutoCloseable {
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new ArrayList<>();
    private final List<Thread> pumps = new ArrayList<>();
    /** Set by {@link #stop()}: data read after it is dropped, not forwarded. */
    private volatile boolean cut;
    private ServerSocket server;
    private int port;

    TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        start();
    }

    int port() {
        return port;
    }

    synchronized void start() throws IOException {
        cut = false;
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = s;
        port = s.getLocalPort();
        Thread acceptor = new Thread(() -> accept(s), "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                synchronized (this) {
                    sockets.add(client);
                    sockets.add(upstream);
                }
                synchronized (this) {
                    pumps.add(pump(client, upstream));
                    pumps.add(pump(upstream, client));
                }
            } catch (IOException e) {
                return; // closed by stop()
            }
        }
    }

    private Thread pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0 && !cut) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Refuses new connections and resets the open ones; returns when no byte can pass any more
     * (every forwarding thread has ended), so that the next call through the proxy fails.
     */
    void stop() throws IOException {
        List<Thread> running;
        synchronized (this) {
            cut = true;
            closeAll();
            running = new ArrayList<>(pumps);
            pumps.clear();
        }
        for (Thread t : running) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void closeAll() throws IOException {
        server.close();
        for (Socket s : sockets) {
            try {
                s.setSoLinger(true, 0);
            } catch (IOException alreadyClosed) {
                // closed by its pump
            }
            closeQuietly(s);
        }
        sockets.clear();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
