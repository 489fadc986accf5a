package io.github.gridlock.cli.agentlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the agent's reports: frames as StackTraceElement prints them, its JSON and its SARIF. */
class AgentReportTest {
    @TempDir
    Path tmp;

    @Test
    void framesAsTheJdkPrintsThem() {
        Frame jdk = Frame.parse("java.base/java.util.Vector.add(Vector.java:795)");
        assertEquals("java.util.Vector", jdk.className());
        assertEquals("add", jdk.methodName());
        assertEquals(795, jdk.line());
        assertTrue(jdk.isJdk());
        Frame nested = Frame.parse("app//com.acme.Bank$Account.lock(Bank.java:12)");
        assertEquals("com.acme.Bank$Account", nested.className());
        assertEquals("com/acme/Bank.java", nested.sourcePath());
        assertEquals(12, nested.line());
        assertEquals(-1, Frame.parse("com.acme.X.run(Native Method)").line());
        assertEquals(-1, Frame.parse("com.acme.X.y(X.java)").line());
        assertEquals("X.java", Frame.parse("com.acme.X.y(X.java)").fileName());
        assertNull(Frame.parse("not a frame"));
    }

    @Test
    void jsonReportGivesCyclesWithEveryFrameAndCountsDeadlocks() throws IOException, AgentReport.AgentReportException {
        Path f = Files.writeString(tmp.resolve("r.json"), String.join("\n",
                "{\"tool\": \"gridlock-agent\", \"findings\": [",
                "{\"type\": \"SEQUENTIAL_LOCK_ORDER_CYCLE\", \"sequence\": 3, \"filter\": \"hbFilter\",",
                " \"locks\": [\"A.x\", \"A.y\"], \"edges\": [",
                "  {\"from\": \"A.x\", \"to\": \"A.y\", \"thread\": \"t1\", \"stack\": [\"com.acme.A.f(A.java:10)\","
                        + " \"com.acme.A.run(A.java:40)\"]},",
                "  {\"from\": \"A.y\", \"to\": \"A.x\", \"thread\": \"t2\", \"stack\": [\"java.base/java.util.Vector.add("
                        + "Vector.java:795)\", \"com.acme.A.g(A.java:20)\"]}]},",
                "{\"type\": \"DEADLOCK\", \"sequence\": 4, \"locks\": [], \"edges\": [], \"threads\": []}]}"));
        AgentReport r = AgentReport.read(f);
        assertEquals(1, r.cycles().size());
        assertEquals(1, r.deadlocks());
        RuntimeCycle c = r.cycles().get(0);
        assertEquals("SEQUENTIAL_LOCK_ORDER_CYCLE #3: A.x -> A.y -> A.x", c.describe());
        assertEquals("hbFilter", c.filter());
        assertEquals(2, c.edges().get(0).frames().size());
        assertEquals("com.acme.A", c.edges().get(1).site().className(), "the JDK frame is not the site");
        assertEquals(20, c.edges().get(1).site().line());
        assertTrue(c.edges().get(0).passes("com.acme.A", 40), "a caller's frame counts");
    }

    @Test
    void sarifReportGivesOneFramePerEdge() throws IOException, AgentReport.AgentReportException {
        Path f = Files.writeString(tmp.resolve("r.sarif"), String.join("\n",
                "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"gridlock-agent\"}},",
                " \"results\": [{\"ruleId\": \"LOCK_ORDER_CYCLE\",",
                "  \"message\": {\"text\": \"LOCK_ORDER_CYCLE: A.x -> A.y -> A.x (threads t1, t2)\"},",
                "  \"locations\": [",
                "   {\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"com/acme/A.java\"}, \"region\":"
                        + " {\"startLine\": 10}}, \"logicalLocations\": [{\"fullyQualifiedName\": \"com.acme.A.f\"}]},",
                "   {\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"com/acme/A.java\"}, \"region\":"
                        + " {\"startLine\": 20}}, \"logicalLocations\": [{\"fullyQualifiedName\": \"com.acme.A.g\"}]}",
                "  ]}]}]}"));
        AgentReport r = AgentReport.read(f);
        RuntimeCycle c = r.cycles().get(0);
        assertEquals(List.of("A.x", "A.y"), c.locks());
        assertEquals("A.y", c.edges().get(0).to());
        assertTrue(c.edges().get(1).passes("com.acme.A", 20));
        assertEquals("g", c.edges().get(1).site().methodName());
    }

    @Test
    void otherFilesAreRejectedWithTheReason() throws IOException {
        Path spotbugs = Files.writeString(tmp.resolve("s.sarif"),
                "{\"runs\": [{\"tool\": {\"driver\": {\"name\": \"Gridlock\"}}, \"results\": []}]}");
        AgentReport.AgentReportException e = assertThrows(AgentReport.AgentReportException.class,
                () -> AgentReport.read(spotbugs));
        assertTrue(e.getMessage().contains("SARIF of Gridlock, not of the Gridlock agent"), e.getMessage());
        Path garbage = Files.writeString(tmp.resolve("g.json"), "not json {");
        assertTrue(assertThrows(AgentReport.AgentReportException.class, () -> AgentReport.read(garbage)).getMessage()
                .contains("not a Gridlock agent report"));
    }
}
