package io.github.gridlock.samples.lockorder;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * GL_BLOCKING_WHILE_LOCKED through JDK calls that block by way of others: {@code TimeUnit.sleep} (a
 * {@code Thread.sleep} in disguise), reading whole values from a stream ({@code DataInputStream.readInt},
 * {@code readFully}, {@code ObjectInputStream.readObject}: each waits until enough bytes arrive),
 * {@code ExecutorService.invokeAny} (waits for a task to finish) and {@code LockSupport.park} (waits for an
 * unpark). Every method here holds the object's monitor, which {@link #attempts()} needs too. Look-alikes: the same
 * reads over bytes already in memory, and a sleep of zero.
 */
public class MoreBlockingCalls {
    private int attempts;
    private Thread waiter;

    public synchronized void retry() throws InterruptedException {
        attempts++;
        TimeUnit.SECONDS.sleep(2); // expect: GL_BLOCKING_WHILE_LOCKED
    }

    public synchronized byte[] readFrame(InputStream socketIn) throws IOException {
        DataInputStream in = new DataInputStream(socketIn);
        int length = in.readInt(); // expect: GL_BLOCKING_WHILE_LOCKED
        attempts++;
        return new byte[length];
    }

    public synchronized void readBody(DataInputStream in, byte[] body) throws IOException {
        in.readFully(body); // expect: GL_BLOCKING_WHILE_LOCKED
        attempts++;
    }

    public synchronized Object readMessage(ObjectInputStream in) throws IOException, ClassNotFoundException {
        attempts++;
        return in.readObject(); // expect: GL_BLOCKING_WHILE_LOCKED
    }

    public synchronized String fastest(ExecutorService pool, List<Callable<String>> tasks)
            throws InterruptedException, ExecutionException {
        attempts++;
        return pool.invokeAny(tasks); // expect: GL_BLOCKING_WHILE_LOCKED
    }

    public synchronized void parkHere() {
        waiter = Thread.currentThread();
        LockSupport.park(this); // expect: GL_BLOCKING_WHILE_LOCKED
    }

    /** The bytes are in memory already: readInt cannot wait. */
    public synchronized int decode(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        attempts++;
        return in.readInt();
    }

    /** A sleep of zero only yields. */
    public synchronized void yieldNow() throws InterruptedException {
        attempts++;
        TimeUnit.MILLISECONDS.sleep(0);
    }

    public synchronized int attempts() {
        return attempts;
    }

    public Thread waiter() {
        return waiter;
    }
}
