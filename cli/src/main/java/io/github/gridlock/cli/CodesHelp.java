package io.github.gridlock.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The help's list of bug codes: those the plugin of this build registers (read from its findbugs.xml and
 * messages.xml, grouped by family) and those still coming (the catalog's codes without a detector, from the
 * sample code's pending-codes.txt that the build bundles). So --help says what ships, not what is planned.
 */
final class CodesHelp {
    private static final String PENDING_RESOURCE = "pending-codes.txt";
    private static final String NL = System.lineSeparator();
    private static final Pattern FAMILY_HEADER = Pattern.compile("^#\\s*\\d+\\.\\s*([^(]+?)\\s*(\\(.*\\))?$");

    private CodesHelp() {
    }

    /** The help section: shipped codes by family with their short descriptions, then the families coming. */
    static String render(List<Path> plugins) {
        StringBuilder out = new StringBuilder();
        Map<String, Map<String, String>> shipped = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        for (Path plugin : plugins) {
            try {
                shipped.putAll(readPlugin(plugin));
            } catch (IOException | RuntimeException e) {
                unreadable.add(plugin + " (" + e.getMessage() + ")");
            }
        }
        out.append("Bug codes this build reports:").append(NL);
        if (shipped.isEmpty()) {
            out.append("  none found: the Gridlock plugin is missing").append(unreadable.isEmpty() ? ""
                    : " or unreadable: " + String.join(", ", unreadable)).append(NL);
        }
        int width = shipped.values().stream().flatMap(m -> m.keySet().stream()).mapToInt(String::length).max()
                .orElse(0);
        for (Map.Entry<String, Map<String, String>> family : shipped.entrySet()) {
            out.append("  ").append(family.getKey()).append(':').append(NL);
            for (Map.Entry<String, String> code : family.getValue().entrySet()) {
                out.append(String.format("    %-" + width + "s  %s", code.getKey(), code.getValue())).append(NL);
            }
        }
        Map<String, List<String>> coming = comingByFamily();
        if (!coming.isEmpty()) {
            out.append("Coming, not built yet (their hazards are already written as sample code):").append(NL);
            coming.forEach((family, codes) -> out.append(wrap("  " + family + ": ", String.join(", ", codes),
                    "    ")));
        }
        return out.toString();
    }

    private static final int WIDTH = 80;

    /** {@code first} + the words, in lines of at most WIDTH characters broken at spaces, later lines indented. */
    static String wrap(String first, String text, String indent) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder(first);
        boolean lineHasWord = false;
        for (String word : text.split(" ")) {
            if (lineHasWord && line.length() + 1 + word.length() > WIDTH) {
                out.append(line).append(NL);
                line.setLength(0);
                line.append(indent);
                lineHasWord = false;
            }
            line.append(lineHasWord ? " " : "").append(word);
            lineHasWord = true;
        }
        return out.append(line).append(NL).toString();
    }

    /** Family name to (code to short description), from the plugin jar's descriptors. */
    static Map<String, Map<String, String>> readPlugin(Path plugin) throws IOException {
        Map<String, String> familyOfCode = new LinkedHashMap<>();
        Map<String, String> descriptionOfCode = new TreeMap<>();
        Map<String, String> familyName = new TreeMap<>();
        try (Descriptors jar = new Descriptors(plugin)) {
            Document findbugs = jar.parse("findbugs.xml");
            NodeList patterns = findbugs.getElementsByTagName("BugPattern");
            for (int i = 0; i < patterns.getLength(); i++) {
                Element p = (Element) patterns.item(i);
                familyOfCode.put(p.getAttribute("type"), p.getAttribute("abbrev"));
            }
            Document messages = jar.parse("messages.xml");
            NodeList described = messages.getElementsByTagName("BugPattern");
            for (int i = 0; i < described.getLength(); i++) {
                Element p = (Element) described.item(i);
                NodeList shortDescription = p.getElementsByTagName("ShortDescription");
                descriptionOfCode.put(p.getAttribute("type"), shortDescription.getLength() == 0 ? ""
                        : shortDescription.item(0).getTextContent().trim());
            }
            NodeList codes = messages.getElementsByTagName("BugCode");
            for (int i = 0; i < codes.getLength(); i++) {
                Element c = (Element) codes.item(i);
                familyName.put(c.getAttribute("abbrev"), c.getTextContent().replace("(Gridlock)", "").trim());
            }
        }
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        familyOfCode.forEach((code, abbrev) -> out.computeIfAbsent(familyName.getOrDefault(abbrev, abbrev),
                f -> new LinkedHashMap<>()).put(code, descriptionOfCode.getOrDefault(code, "")));
        return out;
    }

    /** A plugin's descriptor files, in its jar or in an exploded plugin folder (a build's target/classes). */
    private static final class Descriptors implements AutoCloseable {
        private final Path folder;
        private final ZipFile jar;

        Descriptors(Path plugin) throws IOException {
            this.folder = Files.isDirectory(plugin) ? plugin : null;
            this.jar = folder == null ? new ZipFile(plugin.toFile()) : null;
        }

        Document parse(String name) throws IOException {
            try (InputStream in = open(name)) {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
                return factory.newDocumentBuilder().parse(in);
            } catch (ParserConfigurationException | SAXException e) {
                throw new IOException(name + " is not readable XML: " + e.getMessage(), e);
            }
        }

        private InputStream open(String name) throws IOException {
            if (folder != null) {
                return Files.newInputStream(folder.resolve(name));
            }
            ZipEntry e = jar.getEntry(name);
            if (e == null) {
                throw new IOException("no " + name + " in it");
            }
            return jar.getInputStream(e);
        }

        @Override
        public void close() throws IOException {
            if (jar != null) {
                jar.close();
            }
        }
    }

    /** The codes not built yet, by catalog family (the "# 2. Unlocked shared state" headers of the list). */
    static Map<String, List<String>> comingByFamily() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String family = "other";
        for (String line : pendingLines()) {
            String l = line.strip();
            Matcher header = FAMILY_HEADER.matcher(l);
            if (header.matches()) {
                family = header.group(1);
            } else if (!l.isEmpty() && !l.startsWith("#")) {
                out.computeIfAbsent(family, f -> new ArrayList<>()).add(l);
            }
        }
        return out;
    }

    private static List<String> pendingLines() {
        try (InputStream in = CodesHelp.class.getResourceAsStream(PENDING_RESOURCE)) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().collect(java.util.stream.Collectors.toList());
        } catch (IOException e) {
            return List.of();
        }
    }

}
