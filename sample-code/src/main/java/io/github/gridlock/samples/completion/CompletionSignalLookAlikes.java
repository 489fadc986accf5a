package io.github.gridlock.samples.completion;

import java.util.concurrent.CountDownLatch;

/**
 * Safe look-alikes for GL_COMPLETION_SIGNAL_MISSED: the signal is not in a {@code finally}, yet every path
 * reaches one (the normal path and the catch-all both signal), or the {@code countDown()} is a start gate that
 * nobody waits on for completion.
 */
public class CompletionSignalLookAlikes {

    /** Signals on the normal path and in a catch of Throwable that does not rethrow: all paths signal. */
    public static Runnable reportingTask(Runnable work, CountDownLatch done) {
        return () -> {
            try {
                work.run();
            } catch (Throwable t) {
                System.err.println("task failed: " + t);
                done.countDown();
                return;
            }
            done.countDown();
        };
    }

    /** A start gate: the signal is the first statement, so nothing can skip it. */
    public static void openGate(CountDownLatch startGate, Runnable afterOpen) {
        startGate.countDown();
        afterOpen.run();
    }
}
