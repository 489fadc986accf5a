package io.github.gridlock.samples.release;

import java.util.concurrent.Semaphore;

/**
 * GL_PERMIT_NOT_RELEASED. Seeds {@code 001_69ed1f58e3fcc223.txt} and {@code 002_3c6ada6ae3eed539.txt}: a parking lot with
 * five spaces is {@code Semaphore(5)}; each car {@code acquire()}s a space, parks, and {@code release()}s it. Without a
 * {@code finally}, a car that fails while parked never gives its space back; after five failures the lot is "full" forever
 * and every later car waits for good. The finding is at the acquire whose permits are not all released on some path.
 *
 * @see ParkingLotFixed
 */
public class ParkingLotLeak {

    private final Semaphore spaces = new Semaphore(5);

    static void park(String car) {
        if (car.isEmpty()) {
            throw new IllegalStateException("no plate");
        }
        System.out.println(car + " is parked");
    }

    /** The seed's {@code task(name)}: acquire, work, release, with no finally. */
    public void task(String name) throws InterruptedException {
        spaces.acquire(); // expect: GL_PERMIT_NOT_RELEASED
        park(name);
        spaces.release();
    }

    /** A truck takes two spaces and gives back one. */
    public void parkTruck(String plate) throws InterruptedException {
        spaces.acquire(2); // expect: GL_PERMIT_NOT_RELEASED
        try {
            park(plate);
        } finally {
            spaces.release();
        }
    }

    /** A non-blocking attempt: the "just looking" path returns without releasing the space it got. */
    public boolean tryPark(String car, boolean justLooking) {
        if (!spaces.tryAcquire()) { // expect: GL_PERMIT_NOT_RELEASED
            return false;
        }
        if (justLooking) {
            return true;
        }
        try {
            park(car);
        } finally {
            spaces.release();
        }
        return true;
    }
}
