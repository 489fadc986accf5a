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
 * GL_BLOCKING_WHILE_LOCKED with I/O and processes: seed {@code 001_69ed1f58e3fcc223.txt} says {@code time.sleep()}
 * stands for I/O, and here is the I/O itself. Waiting for a child process, a client to connect, a server to answer, a
 * line, some characters or bytes from a socket, room in a socket's send buffer, or an HTTP response, each with a lock
 * held: the critical section lasts as long as the network or the other process decides. Each is reported at the
 * blocking call.
 *
 * @see IoUnderLockFixed
 */
public class IoUnderLock {

    private final Object lock = new Object();
    private final ReentrantLock connLock = new ReentrantLock();

    public int runTool(ProcessBuilder tool) throws IOException, InterruptedException {
        synchronized (lock) {
            Process process = tool.start();
            return process.waitFor(); // expect: GL_BLOCKING_WHILE_LOCKED
        }
    }

    public Socket acceptOne(ServerSocket server) throws IOException {
        synchronized (lock) {
            return server.accept(); // expect: GL_BLOCKING_WHILE_LOCKED
        }
    }

    public void connect(Socket socket, SocketAddress address) throws IOException {
        connLock.lock();
        try {
            socket.connect(address); // expect: GL_BLOCKING_WHILE_LOCKED
        } finally {
            connLock.unlock();
        }
    }

    private int linesRead;

    public synchronized String nextLine(BufferedReader reader) throws IOException {
        linesRead++;
        return reader.readLine(); // expect: GL_BLOCKING_WHILE_LOCKED
    }

    /** Any thread asking for the count waits for the line. */
    public synchronized int linesRead() {
        return linesRead;
    }

    public int readChars(Reader reader, char[] buffer) throws IOException {
        synchronized (lock) {
            return reader.read(buffer); // expect: GL_BLOCKING_WHILE_LOCKED
        }
    }

    public int readChannel(SocketChannel channel, ByteBuffer buffer) throws IOException {
        connLock.lock();
        try {
            return channel.read(buffer); // expect: GL_BLOCKING_WHILE_LOCKED
        } finally {
            connLock.unlock();
        }
    }

    public int writeChannel(SocketChannel channel, ByteBuffer buffer) throws IOException {
        synchronized (lock) {
            return channel.write(buffer); // expect: GL_BLOCKING_WHILE_LOCKED
        }
    }

    public String fetch(HttpClient client, URI uri) throws IOException, InterruptedException {
        synchronized (lock) {
            HttpRequest request = HttpRequest.newBuilder(uri).build();
            return client.send(request, HttpResponse.BodyHandlers.ofString()).body(); // expect: GL_BLOCKING_WHILE_LOCKED
        }
    }
}
