package io.github.gridlock.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.gridlock.cli.Fixtures.Run;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;

/**
 * The HTML pages as a person sees them: each is opened in headless Chromium and read through the DOM the browser
 * built (what it rendered, not what the writer meant to write): the findings, the lock-order graph as SVG with
 * its cycle in red and the edges labelled with the methods that take the locks. Screenshots stay in
 * target/browser.
 */
class HtmlReportBrowserTest {
    /** The cycle edges' colour in the page's style sheet. */
    static final String CYCLE_RED = "rgb(198, 40, 40)";

    @TempDir
    Path tmp;

    @Test
    void theScanReportShowsTheFindingsTheSourceAndTheCycleInTheLockGraph() throws Exception {
        Path project = tmp.resolve("project");
        Path classes = Fixtures.compile(project, Map.of("fixture/LockCycle.java", Fixtures.LOCK_CYCLE,
                "fixture/Unrelated.java", "package fixture;\npublic class Unrelated {\n    private final Object a ="
                        + " new Object();\n    private final Object b = new Object();\n    void nested() {\n"
                        + "        synchronized (a) { synchronized (b) { a.hashCode(); } }\n    }\n}\n"));
        Path page = tmp.resolve("out/report.html");
        Run run = Fixtures.gridlock("scan", "-q", "--plugin", Fixtures.plugin().toString(), "--format", "html", "-o",
                page.toString(), "-s", project.resolve("src").toString(), "--source-root", project.toString(),
                classes.toString());
        assertEquals(1, run.exitCode, run::toString);
        String html = Files.readString(page);
        assertFalse(html.contains("<script"), "no script in the page");
        assertFalse(html.matches("(?s).*(src|href)=\"https?:.*"), "nothing loaded from the network");

        try (Browser browser = Browser.start()) {
            browser.driver.get(page.toUri().toString());
            assertEquals("Gridlock report", browser.driver.getTitle());
            WebElement row = browser.driver.findElement(By.cssSelector("#summary tr[data-code=GL_LOCK_ORDER_INVERSION]"));
            assertEquals("1", row.findElement(By.cssSelector("td.total")).getText());

            WebElement finding = browser.driver.findElement(By.cssSelector(".finding[data-code=GL_LOCK_ORDER_INVERSION]"));
            assertThat(finding.getText(), containsString("line " + Fixtures.LOCK_CYCLE_FIRST_EDGE));
            WebElement hit = finding.findElement(By.cssSelector("pre.source .line.hit"));
            assertEquals(String.valueOf(Fixtures.LOCK_CYCLE_FIRST_EDGE), hit.getAttribute("data-line"));
            assertThat(hit.getText(), containsString("synchronized (RIGHT)"));
            String shown = finding.findElement(By.cssSelector("pre.source")).getText();
            assertTrue(shown.contains("void leftThenRight()"), "the lines around the finding are shown");
            assertEquals(7, shown.split("\n").length, "three lines either side of the finding, one a line: " + shown);
            assertEquals("src/fixture/LockCycle.java", browser.driver.findElement(By.cssSelector(
                    "section.file:has(.finding[data-code=GL_LOCK_ORDER_INVERSION]) > h3")).getText(),
                    "files are named relative to the source root");

            List<WebElement> cycleEdges = browser.driver.findElements(By.cssSelector("svg.lock-graph g.edge.on-cycle"));
            assertEquals(2, cycleEdges.size(), "the two edges of the cycle are highlighted");
            for (WebElement edge : cycleEdges) {
                WebElement path = edge.findElement(By.tagName("path"));
                assertEquals(CYCLE_RED, path.getCssValue("stroke"), "cycle edges are drawn red");
                assertTrue(path.getSize().getHeight() > 0 || path.getSize().getWidth() > 0, "the edge is drawn");
            }
            List<String> labels = cycleEdges.stream().map(e -> e.findElement(By.cssSelector("text.label")).getText())
                    .sorted().collect(Collectors.toList());
            assertEquals(List.of("leftThenRight():" + Fixtures.LOCK_CYCLE_FIRST_EDGE,
                    "rightThenLeft():" + Fixtures.LOCK_CYCLE_SECOND_EDGE), labels, "edges name the acquiring methods");
            Rectangle drawing = browser.driver.findElement(By.cssSelector("svg.lock-graph")).getRect();
            for (WebElement label : browser.driver.findElements(By.cssSelector("svg.lock-graph text"))) {
                Rectangle r = label.getRect();
                assertTrue(inside(r, drawing), "'" + label.getText() + "' at " + box(r) + " lies inside the drawing " + box(drawing));
            }
            List<WebElement> cycleNodes = browser.driver.findElements(By.cssSelector("svg.lock-graph g.node.on-cycle"));
            assertEquals(List.of("LockCycle.LEFT", "LockCycle.RIGHT"), cycleNodes.stream().map(WebElement::getText)
                    .sorted().collect(Collectors.toList()));
            WebElement plainEdge = browser.driver.findElement(By.cssSelector(
                    "svg.lock-graph g.edge:not(.on-cycle)[data-from='fixture.Unrelated.a']"));
            assertFalse(CYCLE_RED.equals(plainEdge.findElement(By.tagName("path")).getCssValue("stroke")),
                    "an edge on no cycle is not red");

            WebElement docs = browser.driver.findElement(By.cssSelector("#code-GL_LOCK_ORDER_INVERSION a.docs"));
            assertThat(docs.getAttribute("href"), containsString("GL_LOCK_ORDER_INVERSION.md"));
            assertTrue(Files.size(browser.screenshot("scan-report")) > 10_000, "a screenshot of the page");
        }
    }

    @Test
    void theAgentsPageShowsItsCyclesWithTheirStacks() throws Exception {
        String agent = System.getProperty("gridlock.agent.jar");
        assumeTrue(agent != null && agent.endsWith(".jar") && Files.isRegularFile(Paths.get(agent)),
                "the agent jar is built by 'mvn verify' (gridlock.agent.jar=" + agent + "); skipping");
        String source;
        try (InputStream in = HtmlReportBrowserTest.class.getResourceAsStream("/agentlink/LinkSamples.java")) {
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path classes = Fixtures.compile(tmp.resolve("program"), Map.of("linked/LinkSamples.java", source));
        Path page = tmp.resolve("agent.html");
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + agent + "=quiet,html=" + page, "-cp", classes.toString(), "linked.LinkSamples"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);

        try (Browser browser = Browser.start()) {
            browser.driver.get(page.toUri().toString());
            assertEquals("Gridlock agent report", browser.driver.getTitle());
            assertEquals("2", browser.driver.findElement(By.cssSelector("#summary tr[data-kind=LOCK_ORDER_CYCLE] td.count"))
                    .getText());
            List<WebElement> cycles = browser.driver.findElements(By.cssSelector("section.finding[data-kind=LOCK_ORDER_CYCLE]"));
            assertEquals(2, cycles.size());
            for (WebElement cycle : cycles) {
                List<WebElement> edges = cycle.findElements(By.cssSelector("svg.lock-graph g.edge.on-cycle"));
                assertEquals(2, edges.size(), cycle.getText());
                for (WebElement edge : edges) {
                    assertEquals(CYCLE_RED, edge.findElement(By.tagName("path")).getCssValue("stroke"));
                    assertThat(edge.findElement(By.tagName("text")).getText(), containsString("LinkSamples."));
                }
                Rectangle drawing = cycle.findElement(By.cssSelector("svg.lock-graph")).getRect();
                List<Rectangle> labels = new ArrayList<>();
                for (WebElement label : cycle.findElements(By.cssSelector("svg.lock-graph text"))) {
                    Rectangle r = label.getRect();
                    assertTrue(inside(r, drawing), "'" + label.getText() + "' at " + box(r) + " lies inside the drawing "
                            + box(drawing));
                    if (label.getAttribute("class") != null && label.getAttribute("class").contains("label")) {
                        labels.add(r);
                    }
                }
                assertEquals(2, labels.size());
                assertFalse(overlap(labels.get(0), labels.get(1)), "the labels of the two edges lie apart: "
                        + box(labels.get(0)) + " and " + box(labels.get(1)));
                assertThat(cycle.findElement(By.cssSelector("pre.stack")).getText(), containsString("at linked.LinkSamples."));
            }
            assertTrue(Files.size(browser.screenshot("agent-report")) > 10_000, "a screenshot of the page");
        }
    }

    private static boolean inside(Rectangle r, Rectangle outer) {
        return r.getX() >= outer.getX() && r.getX() + r.getWidth() <= outer.getX() + outer.getWidth()
                && r.getY() >= outer.getY() && r.getY() + r.getHeight() <= outer.getY() + outer.getHeight();
    }

    private static boolean overlap(Rectangle a, Rectangle b) {
        return a.getX() < b.getX() + b.getWidth() && b.getX() < a.getX() + a.getWidth()
                && a.getY() < b.getY() + b.getHeight() && b.getY() < a.getY() + a.getHeight();
    }

    private static String box(Rectangle r) {
        return "x " + r.getX() + ".." + (r.getX() + r.getWidth()) + ", y " + r.getY() + ".." + (r.getY() + r.getHeight());
    }
}
