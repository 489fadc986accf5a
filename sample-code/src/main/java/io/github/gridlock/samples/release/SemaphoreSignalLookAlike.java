package io.github.gridlock.samples.release;

import java.util.concurrent.Semaphore;

/**
 * Safe look-alike for GL_PERMIT_NOT_RELEASED: a {@code Semaphore(0)} used as a signal, not as a pool of permits. The
 * consumer's {@code acquire()} is meant to consume what a producer released; giving it back would be the bug; and the
 * producer's {@code release()} has no acquire to pair with. (Seed {@code 002_3c6ada6ae3eed539.txt}'s Event "traffic
 * light", built on a semaphore.)
 */
public class SemaphoreSignalLookAlike {

    private final Semaphore itemsReady = new Semaphore(0);

    public void produced() {
        itemsReady.release();
    }

    public void consume() throws InterruptedException {
        itemsReady.acquire();
        System.out.println("consumed one item");
    }
}
