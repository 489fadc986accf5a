package io.github.gridlock.agent.programs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gridlock.agent.junit.GridlockExtension;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Run by {@link ExtensionProbe} in parallel with {@link ParallelCleanCases}, which is running the whole time: each
 * test here closes a cycle of its own locks, on its own thread, on a thread it started, or in a task it submitted.
 * Each must fail with its own cycle only, and the clean test must pass. The clean test ends (its extension checks
 * it) after the cycles exist and before any cycle test ends, so blaming by time would fail it.
 */
@ExtendWith(GridlockExtension.class)
public class ParallelCycleCases {
    static final CountDownLatch CLEAN_STARTED = new CountDownLatch(1);
    static final CountDownLatch CYCLES_DONE = new CountDownLatch(3);
    static final CountDownLatch CLEAN_CHECKED = new CountDownLatch(1);
    private static final Object ownA = new Object();
    private static final Object ownB = new Object();
    private static final Object startedA = new Object();
    private static final Object startedB = new Object();
    private static final Object taskA = new Object();
    private static final Object taskB = new Object();

    static void nest(Object outer, Object inner) {
        synchronized (outer) {
            synchronized (inner) {
                outer.hashCode();
            }
        }
    }

    /** Registered before GridlockExtension on the clean test, so it runs after the extension has checked it. */
    public static final class CleanChecked implements AfterEachCallback {
        @Override
        public void afterEach(ExtensionContext context) {
            CLEAN_CHECKED.countDown();
        }
    }

    private static void cycleDone() throws InterruptedException {
        CYCLES_DONE.countDown();
        CLEAN_CHECKED.await(20, TimeUnit.SECONDS);
    }

    private static void awaitCleanTest() throws InterruptedException {
        assertTrue(CLEAN_STARTED.await(20, TimeUnit.SECONDS), "the clean test did not run in parallel");
    }

    @Test
    void closedOnTheTestsOwnThread() throws Exception {
        try {
            awaitCleanTest();
            CountDownLatch helperDone = new CountDownLatch(1);
            Thread helper = new Thread(() -> {
                nest(ownA, ownB);
                helperDone.countDown();
            }, "own-helper");
            helper.start();
            helperDone.await();
            nest(ownB, ownA);
            helper.join();
        } finally {
            cycleDone();
        }
    }

    @Test
    void closedByAThreadItStarted() throws Exception {
        try {
            awaitCleanTest();
            Schedules.oneAfterTheOther("started-1", () -> nest(startedA, startedB), "started-2",
                    () -> nest(startedB, startedA));
        } finally {
            cycleDone();
        }
    }

    @Test
    void closedByATaskItSubmitted() throws Exception {
        ExecutorService one = Executors.newSingleThreadExecutor();
        ExecutorService two = Executors.newSingleThreadExecutor();
        try {
            awaitCleanTest();
            one.submit(() -> nest(taskA, taskB)).get();
            CompletableFuture.runAsync(() -> nest(taskB, taskA), two).get();
        } finally {
            one.shutdown();
            two.shutdown();
            cycleDone();
        }
    }
}
