package io.github.gridlock.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class ExitHookTest {
    @Test
    void percentPIsThisJvmsProcessId() {
        Path p = ExitHook.reportFile("out/agent-%p.json");
        assertEquals(Paths.get("out/agent-" + ProcessHandle.current().pid() + ".json").toAbsolutePath(), p);
        assertFalse(ExitHook.reportFile("out/plain.json").toString().contains(
                Long.toString(ProcessHandle.current().pid())), "no %p, no pid");
    }
}
