package io.github.gridlock.cli;

import io.github.gridlock.cli.SampleCode.Site;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The plugin as Maven users load it. The sample-code module runs spotbugs-maven-plugin with Gridlock in
 * its {@code <plugins>} at SpotBugs' default settings (its verify phase runs before this module's
 * integration tests); its report must hold exactly the findings the markers expect, as in the harness.
 */
class SpotBugsMavenPluginIT {
    private static final Path REPORT = Paths.get("..", "sample-code", "target", "spotbugsXml.xml");

    @Test
    void spotbugsMavenPluginLoadsThePluginUnchangedAndFindsTheMarkers() throws Exception {
        assertTrue(Files.exists(REPORT), REPORT + " is missing: the sample-code module's spotbugs-maven-plugin "
                + "execution did not run (run the whole build with mvn verify)");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(REPORT.toFile());
        Set<Site> found = new TreeSet<>();
        Map<Site, String> messages = new TreeMap<>();
        NodeList bugs = doc.getElementsByTagName("BugInstance");
        for (int i = 0; i < bugs.getLength(); i++) {
            Element bug = (Element) bugs.item(i);
            String type = bug.getAttribute("type");
            if (!type.startsWith("GL_")) {
                continue;
            }
            Element line = firstChild(bug, "SourceLine");
            Site site = new Site(type, line.getAttribute("sourcepath"), Integer.parseInt(line.getAttribute("start")));
            found.add(site);
            Element message = firstChild(bug, "LongMessage");
            messages.put(site, message == null ? "" : message.getTextContent());
        }
        Set<String> registered = SampleCode.registeredCodes();
        Set<Site> expected = SampleCode.markers(SampleCode.sources(SampleCode.artifact()));
        HarnessComparison comparison = new HarnessComparison(expected, found, messages, registered, SampleCode.pendingCodes());
        if (!comparison.failures.isEmpty()) {
            fail(String.join("\n", comparison.failures) + "\nspotbugs-maven-plugin report " + REPORT + "\n"
                    + comparison.table);
        }
        // SampleCodeHarnessTest has printed the table for the same markers; one line says that Maven agrees.
        System.out.println("spotbugs-maven-plugin's report matches the markers of every enforced code ("
                + comparison.matched + " findings, " + REPORT + ")");
    }

    private static Element firstChild(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && tag.equals(n.getNodeName())) {
                return (Element) n;
            }
        }
        return null;
    }
}
