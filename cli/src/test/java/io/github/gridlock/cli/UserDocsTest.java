package io.github.gridlock.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * What the README and the user pages promise is what the build does: the first steps a new user copies work as
 * written (checked against this build's versions and the plugin's codes), and the pages speak to users, not to
 * the people who wrote them.
 */
class UserDocsTest {
    private static final Path ROOT = Paths.get(System.getProperty("gridlock.test.samples", "../sample-code"))
            .toAbsolutePath().normalize().getParent();
    private static final List<String> NUMBER_WORDS = List.of("zero", "one", "two", "three", "four", "five", "six",
            "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
            "eighteen", "nineteen", "twenty", "twenty-one", "twenty-two");

    private static String read(String path) throws IOException {
        return Files.readString(ROOT.resolve(path));
    }

    private static String section(String markdown, String heading) {
        int start = markdown.indexOf("\n## " + heading);
        assertTrue(start >= 0, "no section '" + heading + "'");
        int end = markdown.indexOf("\n## ", start + 4);
        return markdown.substring(start, end < 0 ? markdown.length() : end);
    }

    @Test
    void theBuildSnippetsResolveAndGateAsWritten() throws Exception {
        String use = section(read("README.md"), "Use the plugin in your build");
        int install = use.indexOf("mvn -B -ntp install -DskipTests");
        int xml = use.indexOf("```xml");
        assertTrue(install >= 0 && install < xml, "the first step installs Gridlock, before the snippets");

        Matcher snippet = Pattern.compile("(?s)```xml\n(.*?)```").matcher(use);
        assertTrue(snippet.find());
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(snippet.group(1))));
        Element plugin = pom.getDocumentElement();
        assertEquals("spotbugs-maven-plugin", text(plugin, "artifactId"));
        assertEquals(testedSpotbugsMavenPluginVersion(), text(plugin, "version"),
                "the README's spotbugs-maven-plugin is the one the build tests the plugin in");
        Element gridlock = (Element) plugin.getElementsByTagName("plugin").item(0);
        assertEquals("gridlock-detectors", text(gridlock, "artifactId"));
        assertEquals(Locations.version(), text(gridlock, "version"));
        assertEquals("check", plugin.getElementsByTagName("executions").getLength() == 1
                ? text((Element) plugin.getElementsByTagName("execution").item(0), "goal") : null,
                "an execution of check, so that mvn verify fails on findings");
        assertThat(use, containsString("check` analyses the compiled classes"));

        Matcher gradle = Pattern.compile("(?s)```groovy\n(.*?)```").matcher(use);
        assertTrue(gradle.find());
        assertThat(gradle.group(1), containsString("mavenLocal()"));
        assertThat(gradle.group(1), containsString("io.github.gridlock:gridlock-detectors:" + Locations.version()));
    }

    private static String testedSpotbugsMavenPluginVersion() throws Exception {
        Document samplePom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(ROOT.resolve("sample-code/pom.xml").toFile());
        var plugins = samplePom.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element p = (Element) plugins.item(i);
            if ("spotbugs-maven-plugin".equals(text(p, "artifactId"))) {
                return text(p, "version");
            }
        }
        throw new AssertionError("sample-code/pom.xml runs no spotbugs-maven-plugin");
    }

    private static String text(Element parent, String tag) {
        var nodes = parent.getElementsByTagName(tag);
        assertTrue(nodes.getLength() > 0, "no <" + tag + ">");
        return nodes.item(0).getTextContent().trim();
    }

    @Test
    void theReadmeSaysWhichCodesShipAndWhichAreComing() throws Exception {
        String readme = read("README.md");
        Set<String> shipped = new TreeSet<>();
        Set<String> coming = new TreeSet<>();
        for (String row : section(readme, "Bug codes").split("\n")) {
            if (!row.startsWith("| ") || !row.contains("GL_")) {
                continue;
            }
            String status = row.substring(row.lastIndexOf('|', row.length() - 2) + 1, row.length() - 1).trim();
            String codes = row.substring(2, row.indexOf(" |"));
            Set<String> target = "shipped".equals(status) ? shipped : "coming".equals(status) ? coming : null;
            assertNotNull(target, "status is shipped or coming: " + row);
            Matcher code = Pattern.compile("GL_[A-Z0-9_]+").matcher(codes.replaceAll("\\(docs/patterns/[^)]*\\)", ""));
            while (code.find()) {
                target.add(code.group());
            }
        }
        assertEquals(SampleCode.registeredCodes(), shipped, "README rows marked shipped = the plugin's codes");
        assertEquals(SampleCode.pendingCodes(), coming, "README rows marked coming = sample-code/pending-codes.txt");

        String opening = readme.substring(0, readme.indexOf("\n## ")).replaceAll("\\s+", " ");
        assertThat("the opening paragraph counts the shipped codes", opening,
                containsString(NUMBER_WORDS.get(shipped.size()) + " bug codes"));
        if (coming.isEmpty()) {
            assertThat("nothing is coming: the opening says so by not announcing any", opening,
                    not(containsString("coming")));
        } else {
            assertThat(opening, containsString("coming"));
        }
    }

    @Test
    void theUserGuideListsTheCodesThatShip() throws Exception {
        String reported = section(read("docs/user-guide.md"), "2. What is reported");
        Set<String> listed = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| (GL_[A-Z0-9_]+) \\|").matcher(reported);
        while (row.find()) {
            listed.add(row.group(1));
        }
        assertEquals(SampleCode.registeredCodes(), listed, "the user guide's table of codes = the plugin's codes");
        int shipped = SampleCode.registeredCodes().size();
        assertThat("the user guide counts the codes that ship", reported.replaceAll("\\s+", " "),
                containsString(SampleCode.pendingCodes().isEmpty() ? "All " + shipped + " codes of the catalog ship"
                        : shipped + " codes ship"));
    }

    @Test
    void theReadmesIncludeFilterNamesEveryBugCode() throws Exception {
        Matcher filter = Pattern.compile("<Bug code=\"([A-Z,]+)\"/>").matcher(read("README.md"));
        assertTrue(filter.find(), "the README shows an include filter by bug code");
        assertEquals(SampleCode.registeredBugCodes(), new TreeSet<>(List.of(filter.group(1).split(","))),
                "the README's include filter for Gridlock's findings names every bug code of the plugin");
    }

    @Test
    void theReadmeSaysTheFirstCommandExitsWithOne() throws IOException {
        assertThat(section(read("README.md"), "The two commands"), containsString("exits with code 1"));
    }

    @Test
    void userPagesSpeakToUsers() throws Exception {
        Map<String, Pattern> forbidden = Map.of(
                "a seed by number", Pattern.compile("(?i)\\bseeds? 0\\d\\d"),
                "the notes it was written from", Pattern.compile("(?i)teaching notes"),
                "a Python example", Pattern.compile("```python"),
                "an issue number", Pattern.compile("(?i)\\bissue #\\d"),
                "a path of the machine the page was written on",
                Pattern.compile("(^|[\\s(`\"'])/(work|home|root|tmp|Users)/"),
                "a repository that does not exist", Pattern.compile("github\\.com/gridlock/gridlock"));
        List<String> problems = new ArrayList<>();
        for (Path page : userPages()) {
            String text = Files.readString(page);
            String[] lines = text.split("\n");
            for (int i = 0; i < lines.length; i++) {
                for (Map.Entry<String, Pattern> f : forbidden.entrySet()) {
                    if (f.getValue().matcher(lines[i]).find()) {
                        problems.add(ROOT.relativize(page) + ":" + (i + 1) + ": " + f.getKey() + ": " + lines[i].strip());
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    @Test
    void examplesUseOnlyCodesThatShip() throws Exception {
        Set<String> coming = SampleCode.pendingCodes();
        List<String> problems = new ArrayList<>();
        for (Path page : userPages()) {
            if (page.endsWith("README.md")) {
                continue; // the READMEs list the coming codes, as coming
            }
            Matcher code = Pattern.compile("GL_[A-Z0-9_]+").matcher(Files.readString(page));
            while (code.find()) {
                if (coming.contains(code.group())) {
                    problems.add(ROOT.relativize(page) + ": " + code.group());
                }
            }
        }
        assertTrue(problems.isEmpty(), () -> "codes that do not ship: " + problems);
    }

    /** README.md, every page under docs/, and the sample code's README. */
    private static List<Path> userPages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("sample-code/README.md")));
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            pages.addAll(docs.filter(p -> p.toString().endsWith(".md")).sorted().collect(Collectors.toList()));
        }
        return pages;
    }
}
