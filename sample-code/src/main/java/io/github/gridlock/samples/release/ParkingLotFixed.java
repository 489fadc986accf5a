package io.github.gridlock.samples.release;

import java.util.concurrent.Semaphore;

/**
 * Fixed twin of {@link ParkingLotLeak}: every acquire is followed by a {@code try} whose {@code finally}
 * releases exactly the permits taken.
 */
public class ParkingLotFixed {

    private final Semaphore spaces = new Semaphore(5);

    public void task(String name) throws InterruptedException {
        spaces.acquire();
        try {
            ParkingLotLeak.park(name);
        } finally {
            spaces.release();
        }
    }

    public void parkTruck(String plate) throws InterruptedException {
        spaces.acquire(2);
        try {
            ParkingLotLeak.park(plate);
        } finally {
            spaces.release(2);
        }
    }

    public boolean tryPark(String car, boolean justLooking) {
        if (!spaces.tryAcquire()) {
            return false;
        }
        try {
            if (!justLooking) {
                ParkingLotLeak.park(car);
            }
            return true;
        } finally {
            spaces.release();
        }
    }
}
