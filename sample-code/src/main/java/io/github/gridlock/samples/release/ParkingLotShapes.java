package io.github.gridlock.samples.release;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * GL_PERMIT_NOT_RELEASED, more shapes of {@link ParkingLotLeak}: uninterruptible and timed acquires with counts, an
 * acquire per car in a loop, an early return between the acquire and its {@code try}, a convoy that takes three
 * spaces and gives back two, and two acquires in a loop interrupted halfway. Every such path loses permits for good; after enough of them the lot is "full" with no
 * car in it.
 *
 * @see ParkingLotShapesFixed
 */
public class ParkingLotShapes {

    private final Semaphore spaces = new Semaphore(5);
    private volatile boolean closed;

    /** Three spaces taken uninterruptibly; a failing park() skips the release. */
    public void parkBus(String plate) {
        spaces.acquireUninterruptibly(3); // expect: GL_PERMIT_NOT_RELEASED
        ParkingLotLeak.park(plate);
        spaces.release(3);
    }

    /** A timed attempt for two spaces, one given back in finally. */
    public boolean parkTrailer(String plate) throws InterruptedException {
        if (!spaces.tryAcquire(2, 50, TimeUnit.MILLISECONDS)) { // expect: GL_PERMIT_NOT_RELEASED
            return false;
        }
        try {
            ParkingLotLeak.park(plate);
        } finally {
            spaces.release();
        }
        return true;
    }

    /** One space per car, in a loop, without finally. */
    public void parkAll(List<String> cars) throws InterruptedException {
        for (String car : cars) {
            spaces.acquire(); // expect: GL_PERMIT_NOT_RELEASED
            ParkingLotLeak.park(car);
            spaces.release();
        }
    }

    /** The lot closing between the acquire and the try: the early return keeps the space. */
    public boolean parkUnlessClosed(String car) throws InterruptedException {
        spaces.acquire(); // expect: GL_PERMIT_NOT_RELEASED
        if (closed) {
            return false;
        }
        try {
            ParkingLotLeak.park(car);
        } finally {
            spaces.release();
        }
        return true;
    }

    /** A convoy of three cars: three single acquires, two releases. */
    public void parkConvoy(String a, String b, String c) throws InterruptedException {
        spaces.acquire(3); // expect: GL_PERMIT_NOT_RELEASED
        try {
            ParkingLotLeak.park(a);
            ParkingLotLeak.park(b);
            ParkingLotLeak.park(c);
        } finally {
            spaces.release(2);
        }
    }

    /** Two single acquires in a loop: interrupted in the second, the method throws holding the first. */
    public void parkTwice(String car) throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            spaces.acquire(); // expect: GL_PERMIT_NOT_RELEASED
        }
        try {
            ParkingLotLeak.park(car);
        } finally {
            spaces.release(2);
        }
    }

    public void close() {
        closed = true;
    }
}
