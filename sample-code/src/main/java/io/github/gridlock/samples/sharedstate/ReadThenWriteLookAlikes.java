package io.github.gridlock.samples.sharedstate;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Safe look-alikes for GL_SPLIT_READ_MODIFY_WRITE: a field read into a local and a write computed from it,
 * where no other thread can interleave: a synchronized method holding one lock over both, a compare-and-set
 * retry loop on an atomic (the write only succeeds if nothing changed), and an object confined to one call.
 */
public class ReadThenWriteLookAlikes {

    private int stock = 10;
    private final AtomicInteger version = new AtomicInteger();

    public synchronized boolean take() {
        int temp = stock;
        if (temp == 0) {
            return false;
        }
        stock = temp - 1;
        return true;
    }

    public int bumpVersion() {
        while (true) {
            int current = version.get();
            if (version.compareAndSet(current, current + 1)) {
                return current + 1;
            }
        }
    }

    static final class Cursor {
        int pos;
    }

    public static int advance(String text) {
        Cursor c = new Cursor();
        while (c.pos < text.length() && text.charAt(c.pos) == ' ') {
            int p = c.pos;
            c.pos = p + 1;
        }
        return c.pos;
    }
}
