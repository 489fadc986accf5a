package io.github.gridlock.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gridlock.agent.ForkedJvm.Result;
import io.github.gridlock.agent.programs.FilterCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each false-positive filter: the case is silent with the filter on (default) and reported with it off, so each
 * test fails if its filter is removed or broken.
 */
class FiltersIT {

    @ParameterizedTest(name = "{0} is filtered by {1}")
    @CsvSource({
        "single-thread, singleThreadFilter, 1",
        "gate, gateFilter, 0",
        "hb-start, hbFilter, 1",
        "hb-join, hbFilter, 1",
        "read-read, readReadFilter, 0"})
    void filteredByDefaultAndReportedWithTheFilterOff(String testCase, String filter, int sequential)
            throws Exception {
        Result on = ForkedJvm.run("", FilterCases.class, testCase);
        assertEquals(0, on.exitCode, on::toString);
        assertEquals(0, on.cycles(), on::toString);
        // the single-thread and happens-before filters never drop silently: a sequential inversion remains
        assertEquals(sequential, on.count("SEQUENTIAL_LOCK_ORDER_CYCLE"), on::toString);
        assertTrue(on.err.contains(" " + filter + " 1;") || on.err.contains(" " + filter + " 1 "), on::toString);
        Result off = ForkedJvm.run(filter + "=false", FilterCases.class, testCase);
        assertEquals(0, off.exitCode, off::toString);
        assertEquals(1, off.cycles(), off::toString);
        assertEquals(0, off.count("SEQUENTIAL_LOCK_ORDER_CYCLE"), off::toString);
    }

    @Test
    void edgeRepeatedAfterThreadStartIsConcurrentWithTheStartedThread() throws Exception {
        Result r = ForkedJvm.run("", FilterCases.class, "hb-start-again");
        assertEquals(0, r.exitCode, r::toString);
        assertEquals(1, r.cycles(), r::toString);
    }

    @Test
    void readReadCycleIsReportedOnceWritersOfBothLocksExist() throws Exception {
        Result r = ForkedJvm.run("", FilterCases.class, "read-read-writer");
        assertEquals(1, r.cycles(), r::toString);
        assertTrue(r.json.contains("FilterCases.rwA"), r::toString);
    }

    @Test
    void writeWriteAgainstReadReadIsACycleBecauseBothHalvesAreOneLock() throws Exception {
        Result r = ForkedJvm.run("", FilterCases.class, "rw-mixed");
        assertEquals(1, r.cycles(), r::toString);
        assertTrue(r.json.contains("FilterCases.rwA") && r.json.contains("FilterCases.rwB"), r::toString);
    }

    @Test
    void readReadCycleWithAWriterOfOneLockOnlyCannotWedge() throws Exception {
        Result r = ForkedJvm.run("", FilterCases.class, "read-read-one-writer");
        assertEquals(0, r.exitCode, r::toString);
        assertEquals(0, r.cycles(), r::toString);
    }
}
