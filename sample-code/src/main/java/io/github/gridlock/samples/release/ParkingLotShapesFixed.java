package io.github.gridlock.samples.release;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Fixed twin of {@link ParkingLotShapes}: the permits taken are released, all of them, in a finally. */
public class ParkingLotShapesFixed {

    private final Semaphore spaces = new Semaphore(5);
    private volatile boolean closed;

    public void parkBus(String plate) {
        spaces.acquireUninterruptibly(3);
        try {
            ParkingLotLeak.park(plate);
        } finally {
            spaces.release(3);
        }
    }

    public boolean parkTrailer(String plate) throws InterruptedException {
        if (!spaces.tryAcquire(2, 50, TimeUnit.MILLISECONDS)) {
            return false;
        }
        try {
            ParkingLotLeak.park(plate);
        } finally {
            spaces.release(2);
        }
        return true;
    }

    public void parkAll(List<String> cars) throws InterruptedException {
        for (String car : cars) {
            spaces.acquire();
            try {
                ParkingLotLeak.park(car);
            } finally {
                spaces.release();
            }
        }
    }

    public boolean parkUnlessClosed(String car) throws InterruptedException {
        spaces.acquire();
        try {
            if (closed) {
                return false;
            }
            ParkingLotLeak.park(car);
            return true;
        } finally {
            spaces.release();
        }
    }

    public void parkConvoy(String a, String b, String c) throws InterruptedException {
        spaces.acquire(3);
        try {
            ParkingLotLeak.park(a);
            ParkingLotLeak.park(b);
            ParkingLotLeak.park(c);
        } finally {
            spaces.release(3);
        }
    }

    public void parkTwice(String car) throws InterruptedException {
        spaces.acquire(2);
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
