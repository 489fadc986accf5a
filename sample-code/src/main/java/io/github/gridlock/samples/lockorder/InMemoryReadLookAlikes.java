package io.github.gridlock.samples.lockorder;

import java.io.ByteArrayInputStream;
import java.io.CharArrayReader;
import java.io.StringReader;

/**
 * Safe look-alike for GL_BLOCKING_WHILE_LOCKED: {@code read()} under a lock, but on streams over memory.
 * A {@code ByteArrayInputStream} or {@code StringReader} never waits for anything, so holding the lock
 * while reading from one costs no more than copying an array. (Called through an {@code InputStream}
 * or {@code Reader} reference the analysis cannot know the stream is in memory, and reports it.)
 */
public class InMemoryReadLookAlikes {
    private final Object lock = new Object();
    private int checksum;

    public void digest(ByteArrayInputStream in) {
        synchronized (lock) {
            int b;
            while ((b = in.read()) >= 0) {
                checksum = checksum * 31 + b;
            }
        }
    }

    public void digest(StringReader in) throws java.io.IOException {
        synchronized (lock) {
            int c;
            while ((c = in.read()) >= 0) {
                checksum = checksum * 31 + c;
            }
        }
    }

    public void digest(CharArrayReader in) throws java.io.IOException {
        synchronized (lock) {
            checksum += in.read();
        }
    }

    public int checksum() {
        synchronized (lock) {
            return checksum;
        }
    }
}
