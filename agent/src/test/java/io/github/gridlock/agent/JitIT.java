package io.github.gridlock.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gridlock.agent.ForkedJvm.Result;
import io.github.gridlock.agent.programs.HotLoops;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Instrumented methods must stay compilable: HotSpot bails out on some shapes of exception-handler code (a call
 * inside javac's self-covering catch-all of a synchronized block), which would leave the host program interpreted.
 */
class JitIT {
    @Test
    void instrumentedMethodsAreCompiledByC2() throws Exception {
        // -Xbatch compiles in the foreground: on a loaded machine the program could end before C2 got to a method.
        Result r = ForkedJvm.run(Paths.get(System.getProperty("java.home")), List.of("-XX:+PrintCompilation", "-Xbatch",
                "-XX:CompileCommand=quiet", "-XX:CompileCommand=dontinline,io.github.gridlock.agent.programs.HotLoops::*"), "",
                HotLoops.class);
        assertEquals(0, r.exitCode, r::toString);
        String programs = "io.github.gridlock.agent.programs.HotLoops::";
        for (String line : r.out.split("\n")) {
            assertFalse(line.contains(programs) && line.contains("COMPILE SKIPPED"), line);
        }
        for (String m : new String[] {"syncNested", "syncMethod", "syncThrowing", "lockNested"}) {
            Pattern c2 = Pattern.compile("(?m)^.*\\s4\\s+" + Pattern.quote(programs + m) + " ");
            assertTrue(c2.matcher(r.out).find(), () -> m + " never compiled at tier 4\n" + r.out);
        }
        assertEquals(0, r.cycles(), r::toString);
    }
}
