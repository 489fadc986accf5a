package io.github.gridlock.agent.programs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gridlock.agent.junit.GridlockExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs for as long as {@link ParallelCycleCases} creates its cycles, and takes its own locks in one order. */
@ExtendWith({ParallelCycleCases.CleanChecked.class, GridlockExtension.class})
public class ParallelCleanCases {
    private final Object outer = new Object();
    private final Object inner = new Object();

    @Test
    void cleanWhileOtherTestsCreateCycles() throws Exception {
        ParallelCycleCases.CLEAN_STARTED.countDown();
        assertTrue(ParallelCycleCases.CYCLES_DONE.await(20, TimeUnit.SECONDS), "the cycle tests did not run in parallel");
        ParallelCycleCases.nest(outer, inner);
    }
}
