package io.github.gridlock.samples.release;

import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * Safe look-alikes for GL_PERMIT_NOT_RELEASED: permits given back on every path, though not by one
 * {@code release()} in one {@code finally} next to the acquire:
 * <ul>
 * <li>two permits given back by two single releases;</li>
 * <li>a count the caller chooses, released with the same variable;</li>
 * <li>{@code tryAcquire()} kept in a boolean, the release guarded by it;</li>
 * <li>a permit handed to the task it guards, which releases it when it runs (and the catch releases it if the
 * hand-off fails);</li>
 * <li>a permit released in a catch that rethrows, and on the normal path.</li>
 * </ul>
 */
public class PermitLookAlikes {

    private final Semaphore spaces = new Semaphore(5);
    private final Executor valet;

    public PermitLookAlikes(Executor valet) {
        this.valet = valet;
    }

    public void parkPair(String a, String b) throws InterruptedException {
        spaces.acquire(2);
        try {
            ParkingLotLeak.park(a);
            ParkingLotLeak.park(b);
        } finally {
            spaces.release();
            spaces.release();
        }
    }

    public void parkFleet(String plate, int size) throws InterruptedException {
        spaces.acquire(size);
        try {
            ParkingLotLeak.park(plate);
        } finally {
            spaces.release(size);
        }
    }

    public boolean parkIfFree(String car) {
        boolean got = spaces.tryAcquire();
        try {
            if (got) {
                ParkingLotLeak.park(car);
            }
            return got;
        } finally {
            if (got) {
                spaces.release();
            }
        }
    }

    public void parkByValet(String car) throws InterruptedException {
        spaces.acquire();
        try {
            valet.execute(() -> {
                try {
                    ParkingLotLeak.park(car);
                } finally {
                    spaces.release();
                }
            });
        } catch (RuntimeException e) {
            spaces.release();
            throw e;
        }
    }

    public void parkOrGiveBack(String car) throws InterruptedException {
        spaces.acquire();
        try {
            ParkingLotLeak.park(car);
        } catch (RuntimeException e) {
            spaces.release();
            throw e;
        }
        spaces.release();
    }
}
