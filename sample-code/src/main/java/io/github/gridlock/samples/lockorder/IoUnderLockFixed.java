package io.github.gridlock.samples.lockorder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Fixed twin of {@link IoUnderLock}: do the I/O with no lock held, then lock only to record the result in
 * shared state.
 */
public class IoUnderLockFixed {

    private final Object lock = new Object();
    private final ReentrantLock connLock = new ReentrantLock();
    private int lastExitCode;
    private int connections;
    private long charsRead;
    private int lastBodyLength;
    private int connects;
    private long bytes;
    private String lastLine = "";

    public int runTool(ProcessBuilder tool) throws IOException, InterruptedException {
        Process process = tool.start();
        int exit = process.waitFor();
        synchronized (lock) {
            lastExitCode = exit;
            return lastExitCode;
        }
    }

    public Socket acceptOne(ServerSocket server) throws IOException {
        Socket client = server.accept();
        synchronized (lock) {
            connections += 1;
        }
        return client;
    }

    public void connect(Socket socket, SocketAddress address) throws IOException {
        socket.connect(address);
        connLock.lock();
        try {
            connects += 1;
        } finally {
            connLock.unlock();
        }
    }

    public String nextLine(BufferedReader reader) throws IOException {
        String line = reader.readLine();
        synchronized (this) {
            lastLine = line;
            return lastLine;
        }
    }

    public int readChars(Reader reader, char[] buffer) throws IOException {
        int n = reader.read(buffer);
        synchronized (lock) {
            charsRead += Math.max(n, 0);
        }
        return n;
    }

    public int readChannel(SocketChannel channel, ByteBuffer buffer) throws IOException {
        int n = channel.read(buffer);
        connLock.lock();
        try {
            bytes += n;
        } finally {
            connLock.unlock();
        }
        return n;
    }

    public int writeChannel(SocketChannel channel, ByteBuffer buffer) throws IOException {
        int n = channel.write(buffer);
        connLock.lock();
        try {
            bytes += n;
        } finally {
            connLock.unlock();
        }
        return n;
    }

    public String fetch(HttpClient client, URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).build();
        String body = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
        synchronized (lock) {
            lastBodyLength = body.length();
        }
        return body;
    }
}
