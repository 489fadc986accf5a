package io.github.gridlock.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gridlock.cli.engine.Finding;
import io.github.gridlock.cli.engine.GridlockEngine;
import io.github.gridlock.cli.engine.ScanRequest;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The messages as a newcomer reads them, on every finding of the bundled samples: each names its locks (or its
 * thread), says what goes wrong and ends with the fix, in words rather than in parameter names or JVM names.
 */
class MessageWordingTest {
    /** The sentences a code's message may end with: the fix (a wait for locked work has its own). */
    private static final Map<String, List<String>> FIX = Map.ofEntries(
            Map.entry("GL_LOCK_ORDER_INVERSION", List.of("take the locks in one order everywhere, or use one lock.")),
            Map.entry("GL_ARGUMENT_LOCK_ORDER", List.of("Take the two locks in one order on every call, e.g. ordered by a unique id.")),
            Map.entry("GL_BLOCKING_WHILE_LOCKED", List.of("Do the blocking work outside the critical section.",
                    "Release the lock before waiting.", "Release the lock before waiting, or let the task run without it.")),
            Map.entry("GL_RUN_INSTEAD_OF_START", List.of("Call start() (and join() where the result is needed).")),
            Map.entry("GL_DAEMON_AFTER_START", List.of("Call setDaemon before start().")),
            Map.entry("GL_THREAD_PER_TASK", List.of("Hand the work to a bounded pool created outside the loop.")),
            Map.entry("GL_DAEMON_UNFINISHED_WORK", List.of(
                    "Join or await it before the program may exit, flush it in a shutdown hook, or make the thread non-daemon.")),
            // Completion pairing
            Map.entry("GL_FUTURE_IGNORED", List.of("Keep the Future and get() it, observe it with whenComplete/exceptionally, or use execute().")),
            Map.entry("GL_EXECUTOR_NOT_SHUTDOWN", List.of("Shut it down in a finally block (or try-with-resources), or hand it to an owner that shuts it down.")),
            Map.entry("GL_COMPLETION_SIGNAL_MISSED", List.of("Signal in a finally block (complete a future exceptionally in a catch), so that every path signals.")),
            Map.entry("GL_THREAD_NOT_JOINED", List.of("Join the thread (or wait on a latch the thread counts down) before reading.")),
            // Unlocked shared state
            Map.entry("GL_UNSYNCHRONIZED_COUNTER", List.of("Make the update atomic, or hold one lock around every update of the field.")),
            Map.entry("GL_VOLATILE_COUNTER", List.of("Use an atomic, or make every update under one lock (reads may stay lock-free).")),
            Map.entry("GL_SPLIT_READ_MODIFY_WRITE", List.of(
                    "Hold one lock from the read to the write, or make it one atomic update (updateAndGet, accumulateAndGet).")),
            Map.entry("GL_CHECK_THEN_ACT", List.of("Use putIfAbsent, computeIfAbsent or merge, which check and put in one step.",
                    "Call get() once and test its result for null.",
                    "Use computeIfAbsent (or putIfAbsent and keep its result), which checks and puts in one step.",
                    "Use add()'s own result (or addIfAbsent on a CopyOnWriteArrayList), which checks and adds in one step.",
                    "Call poll() (or poll with a timeout) and test its result for null instead of checking first.",
                    "Call peek() (or poll(), to take it) and test its result for null instead of checking first.",
                    "Call peekLast() (or pollLast(), to take it) and test its result for null instead of checking first.",
                    "Hold the Vector's own monitor (synchronized on it) around the check and the read, as each of its calls does.",
                    "Remove the element itself (remove(Object), removeIf), or hold one lock around the check, the removal and"
                            + " every other change of the list: an index found before may name another element by now.")),
            Map.entry("GL_INCONSISTENT_GUARD", List.of("Hold the same lock at this access too.")),
            // Acquires not released
            Map.entry("GL_LOCK_NOT_RELEASED", List.of("Put the acquire right before a try whose finally releases it.")),
            Map.entry("GL_PERMIT_NOT_RELEASED", List.of("Release the permits taken in a finally.")),
            Map.entry("GL_UNBALANCED_REENTRANT", List.of("Give each acquire its own release in a finally.")),
            Map.entry("GL_WAIT_WITHOUT_LOOP", List.of("Wait in a while loop that re-tests the condition.",
                    "Call it only while holding the lock it belongs to.")),
            Map.entry("GL_UNLOCK_WITHOUT_LOCK", List.of("Release only inside the branch where the acquire succeeded.")),
            Map.entry("GL_LOCK_INSIDE_TRY", List.of("Acquire right before the try.")));

    private static List<Finding> findings;

    @BeforeAll
    static void scanSamples() {
        findings = new GridlockEngine().scan(new ScanRequest().addInput(SampleCode.artifact())
                .addPlugin(Fixtures.plugin())).findings();
        assertFalse(findings.isEmpty());
    }

    @Test
    void everyMessageEndsWithItsFixAndIsFullyFormatted() {
        for (Finding f : findings) {
            String m = f.message();
            assertTrue(FIX.containsKey(f.code()), "a new code needs its fix sentence here: " + f.code());
            assertTrue(FIX.get(f.code()).stream().anyMatch(m::endsWith), f + "\n  does not end with the fix");
            assertThat(f.toString(), m, not(containsString("?>?")));
            assertThat(f.toString(), m, not(containsString("{")));
            assertThat("a JVM name, not Java's", m, not(containsString("this$0")));
        }
    }

    @Test
    void aThreadIsNamedByWhatItIsNotByItsType() {
        for (Finding f : only("GL_RUN_INSTEAD_OF_START")) {
            assertFalse(Pattern.compile("thread [A-Z]").matcher(f.message()).find(), f::toString);
            assertThat(f.message(), Matchers.matchesPattern(".* calls run\\(\\) on an? [A-Za-z.]+( held as an? \\w+)? "
                    + "instead of start\\(\\).*|.* calls run\\(\\) on an anonymous Thread subclass instead of start\\(\\).*"));
        }
    }

    @Test
    void anAcquireInsideTheTrySaysWhatItsReleaseReallyDoes() {
        List<Finding> insideTry = only("GL_LOCK_INSIDE_TRY");
        assertFalse(insideTry.isEmpty());
        for (Finding f : insideTry) {
            boolean semaphore = f.className().endsWith("LockInsideTryShapes") && f.startLine() == 30;
            // A semaphore's release() never throws: it hands out a permit, which is the harm to name.
            assertEquals(semaphore, f.message().contains("a permit that was never taken"), f::toString);
            assertEquals(!semaphore, f.message().contains("IllegalMonitorStateException"), f::toString);
        }
    }

    @Test
    void setDaemonSaysWhyOnce() {
        for (Finding f : only("GL_DAEMON_AFTER_START")) {
            String m = f.message();
            // The old message said it twice: "which may already be started (it may have been started earlier...)".
            assertTrue(count(m, " may ") <= 1, () -> "say why once: " + m);
            assertEquals(1, count(m, "started earlier") + count(m, "always running") + count(m, "running this code"),
                    () -> "one reason: " + m);
            assertThat(m, containsString("throws IllegalThreadStateException"));
        }
    }

    @Test
    void argumentLocksAreNamedAsLocksNotAsBareParameterNames() {
        Pattern lock = Pattern.compile("(the monitor of (parameter \\w+|this)|\\w+(\\.\\w+)+)");
        Pattern message = Pattern.compile(".* locks " + lock + ", then " + lock + ": .*");
        for (Finding f : only("GL_ARGUMENT_LOCK_ORDER")) {
            assertTrue(message.matcher(f.message()).matches(), f::toString);
        }
    }

    @Test
    void aCycleNamesEveryEdgeAsAThreadsPathWithItsLocks() {
        Pattern edge = Pattern.compile(" takes (.+?) while holding (.+?) \\(line (\\d+)");
        for (Finding f : only("GL_LOCK_ORDER_INVERSION")) {
            Matcher m = edge.matcher(f.message());
            int edges = 0;
            while (m.find()) {
                edges++;
            }
            // One path per edge in the message; the secondary locations hold every witness site of every edge, so
            // an edge met at two places gives more sites than paths.
            int paths = edges;
            assertTrue(paths >= 2 && paths <= f.otherSites().size() + 1, () -> "one path per edge of the cycle: " + f);
            assertTrue(f.message().startsWith("Potential deadlock: "), f::toString);
            assertThat("the monitor of an instance, not '(this)'", f.message(), not(containsString("(this)")));
        }
    }

    @Test
    void heldLocksAgreeInNumberAndAreNamedTwice() {
        Pattern contended = Pattern.compile(" holds (.+?) while it .*that needs (.+?) waits as long");
        Pattern awaited = Pattern.compile(" holds (.+?) while it waits,? .* needs (.+?) \\(taken in ");
        for (Finding f : only("GL_BLOCKING_WHILE_LOCKED")) {
            Matcher m = contended.matcher(f.message());
            if (!m.find()) {
                m = awaited.matcher(f.message());
                assertTrue(m.find(), f::toString);
            }
            boolean several = m.group(1).contains(" and ");
            assertEquals(several ? "one of those locks" : m.group(1), m.group(2), f::toString);
            assertThat("the monitor, not a bare 'this'", f.message(), not(containsString(" holds this while")));
        }
    }

    private static List<Finding> only(String code) {
        List<Finding> out = new java.util.ArrayList<>();
        for (Finding f : findings) {
            if (f.code().equals(code)) {
                out.add(f);
            }
        }
        assertFalse(out.isEmpty(), "the samples have findings of " + code);
        return out;
    }

    private static int count(String text, String word) {
        return text.split(Pattern.quote(word), -1).length - 1;
    }

    /** Hamcrest's regex matcher under a short name. */
    private static final class Matchers {
        static org.hamcrest.Matcher<String> matchesPattern(String regex) {
            return org.hamcrest.Matchers.matchesPattern(regex);
        }
    }
}
