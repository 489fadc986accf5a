package io.github.gridlock.samples.lockorder;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Safe look-alikes for GL_BLOCKING_WHILE_LOCKED: a blocking call under a lock that no other thread can be waiting
 * for. A blocking call under a lock only hurts when another thread needs the lock meanwhile.
 * <ul>
 * <li>{@link CountingInputStream}: a stream's own monitor. Streams synchronise their methods defensively, but one
 * thread reads a stream; its {@code read()} under its own monitor delays nobody.</li>
 * <li>{@link Writer}: a lock that only the writer thread takes (its {@code run()} is the only code that locks it,
 * and one writer is started), so no other thread ever waits for it.</li>
 * <li>{@link Settings}: a constructor reading its configuration while holding its own monitor: nobody else can
 * see the object yet.</li>
 * </ul>
 */
public class UncontendedLockLookAlikes {

    /** A stream that counts what it reads; its monitor is held only by its reader. */
    public static final class CountingInputStream extends FilterInputStream {
        private long count;

        public CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public synchronized int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public synchronized void reset() throws IOException {
            in.reset();
            count = 0;
        }
    }

    /** The single writer thread: the lock serialises its own steps, no other thread takes it. */
    public static final class Writer extends Thread {
        private final Object batchLock = new Object();
        private final List<byte[]> batch = new ArrayList<>();
        private final OutputStream out;

        public Writer(OutputStream out) {
            this.out = out;
        }

        @Override
        public void run() {
            try {
                while (!isInterrupted()) {
                    synchronized (batchLock) {
                        for (byte[] b : batch) {
                            out.write(b);
                        }
                        batch.clear();
                        Thread.sleep(50);
                    }
                }
            } catch (IOException | InterruptedException e) {
                interrupt();
            }
        }
    }

    public static Writer startWriter(OutputStream out) {
        Writer w = new Writer(out);
        w.start();
        return w;
    }

    /** Loads its settings in its constructor, under its own monitor. */
    public static final class Settings {
        private final Properties values = new Properties();

        private final int version;

        public Settings(InputStream source) throws IOException {
            synchronized (this) {
                version = source.read();
                values.load(source);
            }
        }

        public synchronized String get(String key) {
            return version + ":" + values.getProperty(key);
        }
    }
}
