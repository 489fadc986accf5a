package io.github.gridlock.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {
    @Test
    void defaults() {
        AgentOptions o = AgentOptions.parse(null);
        assertFalse(o.failOnCycle);
        assertEquals(1000, o.watchdogMillis);
        assertTrue(o.singleThreadFilter && o.gateFilter && o.happensBeforeFilter && o.readReadFilter);
        assertTrue(o.errors.isEmpty());
    }

    @Test
    void parsesEveryOption() {
        AgentOptions o = AgentOptions.parse("report=out/r.json, sarif=out/r.sarif,html=out/r.html,onCycle=fail,watchdog=2s,"
                + "include=com.acme.**:org.x.*,exclude=com.acme.gen.**,gateFilter=false,hbFilter=off,"
                + "singleThreadFilter=false,readReadFilter=false,maxCycle=4,quiet");
        assertEquals("out/r.json", o.report);
        assertEquals("out/r.sarif", o.sarif);
        assertEquals("out/r.html", o.html);
        assertTrue(o.failOnCycle);
        assertEquals(2000, o.watchdogMillis);
        assertFalse(o.gateFilter || o.happensBeforeFilter || o.singleThreadFilter || o.readReadFilter);
        assertEquals(4, o.maxCycleLength);
        assertTrue(o.quiet);
        assertTrue(o.errors.isEmpty(), o.errors.toString());
        Predicate<String> f = o.classFilter();
        assertTrue(f.test("com.acme.Bank"));
        assertTrue(f.test("com.acme.deep.Bank"));
        assertTrue(f.test("org.x.Y"));
        assertFalse(f.test("org.x.sub.Y"), "* does not cross packages");
        assertFalse(f.test("com.acme.gen.Stub"), "excluded");
        assertFalse(f.test("net.other.Z"), "not included");
    }

    @Test
    void watchdogPeriods() {
        assertEquals(500, AgentOptions.parseMillis("500ms"));
        assertEquals(250, AgentOptions.parseMillis("250"));
        assertEquals(0, AgentOptions.parseMillis("off"));
    }

    @Test
    void badOptionsAreCollectedNotThrown() {
        AgentOptions o = AgentOptions.parse("onCycle=explode,nosuch=1,watchdog=soon");
        assertEquals(3, o.errors.size(), o.errors.toString());
        assertFalse(o.failOnCycle);
    }
}
