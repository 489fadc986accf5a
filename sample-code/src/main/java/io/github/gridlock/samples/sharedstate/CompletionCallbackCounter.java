package io.github.gridlock.samples.sharedstate;

import java.util.concurrent.CompletableFuture;

/**
 * GL_UNSYNCHRONIZED_COUNTER at low priority: a future's callback counts failures that callers reset. The callback runs
 * on whichever thread completes the future (or on the caller's, when it is already complete), which the analysis does
 * not know: a client whose one network thread both completes its requests and handles their replies (Kafka's
 * {@code CoordinatorRequestManager}) has the same shape and no race. Hence low, with that assumption in the message.
 */
public class CompletionCallbackCounter {

    private int failures;

    public void send(CompletableFuture<String> reply) {
        reply.whenComplete((value, error) -> {
            if (error != null) {
                failures++; // expect-low: GL_UNSYNCHRONIZED_COUNTER
            }
        });
    }

    public void reset() {
        failures = 0;
    }

    public int failures() {
        return failures;
    }
}
