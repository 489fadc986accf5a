package io.github.gridlock.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.gridlock.agent.runtime.LockHooks;
import io.github.gridlock.agent.samples.TaskSample;
import java.lang.reflect.InvocationTargetException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every way of handing a task to another thread that the agent follows: the thread running it works for the test of
 * the thread that submitted it. In-process, the sample instrumented to call the runtime directly.
 */
class TaskWrappingTest {
    private static final String TEST = "[test:wrapping]";
    static Object sample;

    @BeforeAll
    static void load() throws Exception {
        Class<?> c = new TransformerTest.InstrumentingLoader().loadClass(TaskSample.class.getName());
        sample = c.getConstructor().newInstance();
        call("setCaller");
    }

    @AfterAll
    static void shutdown() throws Exception {
        call("shutdown");
    }

    static Object call(String method) throws Exception {
        try {
            return sample.getClass().getMethod(method).invoke(sample);
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    private static Object callAsTest(String method) throws Exception {
        String previous = LockHooks.beginTest(TEST);
        try {
            return call(method);
        } finally {
            LockHooks.endTest(TEST, previous);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "execute | T",
        "submitRunnable | T",
        "submitRunnableWithResult | result T",
        "submitCallable | T",
        "invokeAll | T T",
        "invokeAny | T T",
        "schedule | T T",
        "scheduleRepeated | T",
        "completableFutures | T T T T",
        "forkJoin | T"})
    void taskRunsForTheTestThatSubmittedIt(String method, String expected) throws Exception {
        assertEquals(expected.replace("T", TEST), callAsTest(method));
        // without a test, nothing is wrapped and the pool thread works for no test
        assertEquals(expected.replace("T", "null"), call(method));
        assertNull(LockHooks.currentTest());
    }
}
