package io.github.gridlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Progress stays silent for quick scans, then prints at a bounded rate. */
class StderrProgressTest {
    @Test
    void silentForTwoSecondsThenThrottled() {
        AtomicLong now = new AtomicLong(1_000_000);
        StringWriter out = new StringWriter();
        StderrProgress progress = new StderrProgress(new PrintWriter(out), false, now::get);
        progress.phase("scanning 2 archives and folders");
        progress.classesDone(1, 2, 10, 100);
        now.addAndGet(1_999);
        progress.classesDone(1, 2, 20, 100);
        assertEquals("", out.toString(), "nothing in the first two seconds");

        now.addAndGet(1);
        progress.classesDone(1, 2, 30, 100);
        assertEquals("gridlock: analysis pass 1 of 2: 30/100 classes (30%)\n", out.toString().replace("\r\n", "\n"));

        now.addAndGet(9_999);
        progress.classesDone(1, 2, 40, 100);
        assertEquals(1, out.toString().split("\n").length, "at most one line per ten seconds in a log");
        now.addAndGet(1);
        progress.classesDone(2, 2, 5, 100);
        assertTrue(out.toString().contains("analysis pass 2 of 2: 5/100 classes (5%)"), out::toString);
    }

    @Test
    void inALogTheLastLineSaysTheAnalysisIsDone() {
        AtomicLong now = new AtomicLong(0);
        StringWriter out = new StringWriter();
        StderrProgress progress = new StderrProgress(new PrintWriter(out), false, now::get);
        now.set(2_500);
        progress.classesDone(1, 2, 161, 335);
        now.set(14_400);
        progress.finish();
        String[] lines = out.toString().replace("\r\n", "\n").split("\n");
        assertEquals(2, lines.length, out::toString);
        assertEquals("gridlock: analysis pass 1 of 2: 161/335 classes (48%)", lines[0]);
        assertEquals("gridlock: analysis done (100%) in 14 s", lines[1]);
    }

    @Test
    void aQuickScanPrintsNothingAtAll() {
        AtomicLong now = new AtomicLong(0);
        StringWriter out = new StringWriter();
        StderrProgress progress = new StderrProgress(new PrintWriter(out), false, now::get);
        progress.classesDone(1, 1, 4, 4);
        now.set(1_500);
        progress.finish();
        assertEquals("", out.toString());
    }

    @Test
    void onATerminalOneLineIsRewrittenAndEndedAtFinish() {
        AtomicLong now = new AtomicLong(0);
        StringWriter out = new StringWriter();
        StderrProgress progress = new StderrProgress(new PrintWriter(out), true, now::get);
        now.set(2_500);
        progress.classesDone(1, 1, 1, 4);
        now.set(3_600);
        progress.classesDone(1, 1, 2, 4);
        progress.finish();
        String s = out.toString();
        assertTrue(s.startsWith("\rgridlock: analysis pass 1 of 1: 1/4 classes (25%)"), s);
        assertTrue(s.contains("\rgridlock: analysis pass 1 of 1: 2/4 classes (50%)"), s);
        assertTrue(s.endsWith(System.lineSeparator()), "finish() ends the line");
        String last = s.substring(s.lastIndexOf('\r') + 1).strip();
        assertTrue(last.startsWith("gridlock: analysis done (100%)"), "the in-place line ends complete: " + last);
    }
}
