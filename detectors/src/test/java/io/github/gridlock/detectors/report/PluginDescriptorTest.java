package io.github.gridlock.detectors.report;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin descriptors are what SpotBugs, its Maven/Gradle plugins and the IDEs read: they must
 * validate against SpotBugs' own schemas, and findbugs.xml, messages.xml, bugrank.txt, the
 * {@link BugTypes} constants and the docs pages must name the same bug types.
 */
class PluginDescriptorTest {

    @Test
    void findbugsXmlValidatesAgainstSpotBugsSchema() throws Exception {
        validate("findbugs.xml", "findbugsplugin.xsd");
    }

    @Test
    void messagesXmlValidatesAgainstSpotBugsSchema() throws Exception {
        validate("messages.xml", "messagecollection.xsd");
    }

    @Test
    void everyBugPatternHasMessagesRankConstantAndDocs() throws Exception {
        Set<String> registered = attributes(parse("findbugs.xml"), "BugPattern", "type");
        assertFalse(registered.isEmpty());
        Document messages = parse("messages.xml");
        Set<String> described = attributes(messages, "BugPattern", "type");
        assertEquals(registered, described, "findbugs.xml and messages.xml list the same patterns");

        NodeList patterns = messages.getElementsByTagName("BugPattern");
        for (int i = 0; i < patterns.getLength(); i++) {
            Element p = (Element) patterns.item(i);
            for (String part : new String[] {"ShortDescription", "LongDescription", "Details"}) {
                assertEquals(1, p.getElementsByTagName(part).getLength(), p.getAttribute("type") + " has a " + part);
            }
            String details = p.getElementsByTagName("Details").item(0).getTextContent();
            assertTrue(details.contains("Bad") && details.contains("Good"), p.getAttribute("type") + " details show a bad and a good example");
        }

        String ranks = read("bugrank.txt");
        for (String type : registered) {
            assertTrue(ranks.contains("BugPattern " + type), type + " is ranked in bugrank.txt");
            Path doc = Paths.get("..", "docs", "patterns", type + ".md");
            assertTrue(Files.exists(doc), type + " has its docs page " + doc);
        }

        Set<String> constants = new TreeSet<>();
        for (Field f : BugTypes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                constants.add((String) f.get(null));
            }
        }
        assertEquals(registered, constants, "BugTypes holds exactly the registered types");
    }

    @Test
    void everyDetectorIsDescribedAndLoadable() throws Exception {
        Set<String> detectors = attributes(parse("findbugs.xml"), "Detector", "class");
        assertEquals(detectors, attributes(parse("messages.xml"), "Detector", "class"));
        for (String d : detectors) {
            Class.forName(d).getConstructor(edu.umd.cs.findbugs.BugReporter.class);
        }
    }

    @Test
    void everyBugCodeIsDescribed() throws Exception {
        assertEquals(attributes(parse("findbugs.xml"), "BugPattern", "abbrev"),
                attributes(parse("messages.xml"), "BugCode", "abbrev"));
    }

    private static void validate(String resource, String schema) throws Exception {
        URL xsd = edu.umd.cs.findbugs.Plugin.class.getClassLoader().getResource(schema);
        assertNotNull(xsd, "SpotBugs ships " + schema);
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        try (InputStream in = open(resource)) {
            factory.newSchema(xsd).newValidator().validate(new StreamSource(in));
        }
    }

    private static Document parse(String resource) throws Exception {
        try (InputStream in = open(resource)) {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }

    private static Set<String> attributes(Document doc, String element, String attribute) {
        Set<String> out = new TreeSet<>();
        NodeList nodes = doc.getElementsByTagName(element);
        for (int i = 0; i < nodes.getLength(); i++) {
            String value = ((Element) nodes.item(i)).getAttribute(attribute);
            if (!value.isEmpty()) {
                out.add(value);
            }
        }
        return out;
    }

    private static InputStream open(String resource) throws IOException {
        // The plugin's own copy, not one of SpotBugs' (which also has a findbugs.xml on the classpath).
        return Files.newInputStream(Paths.get("target", "classes", resource));
    }

    private static String read(String resource) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Paths.get("target", "classes", resource), StandardCharsets.UTF_8));
        return String.join("\n", lines);
    }
}
