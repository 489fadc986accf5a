package io.github.gridlock.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/** Where the CLI finds its parts at run time: the plugin jar, the bundled sample code, its own version. */
final class Locations {
    /** System property: plugin candidates (path-separator list); the first that exists is used. */
    static final String PLUGIN_PROPERTY = "gridlock.plugin";
    /** System property: the sample code to scan when no path is given. */
    static final String SAMPLES_PROPERTY = "gridlock.samples";
    /** System property: the folder holding the bug codes' pages (GL_*.md). */
    static final String DOCS_PROPERTY = "gridlock.docs";

    private Locations() {
    }

    /** The folder holding the CLI jar (target/ in a build, the install folder otherwise); null when unknown. */
    static Path installDir() {
        try {
            URL location = Main.class.getProtectionDomain().getCodeSource().getLocation();
            Path p = Paths.get(location.toURI());
            return p.getParent();
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** The places searched for the plugin, in order, for messages. */
    static List<String> pluginSearchDescription() {
        List<String> where = new ArrayList<>();
        String prop = System.getProperty(PLUGIN_PROPERTY);
        if (prop != null) {
            where.add("-D" + PLUGIN_PROPERTY + "=" + prop);
        }
        Path dir = installDir();
        if (dir != null) {
            where.add(dir.resolve("plugins") + File.separator + "*.jar");
        }
        return where;
    }

    /** The Gridlock plugin(s) to load when --plugin is not given. */
    static List<Path> defaultPlugins() {
        List<Path> found = new ArrayList<>();
        String prop = System.getProperty(PLUGIN_PROPERTY);
        if (prop != null) {
            for (String candidate : prop.split(File.pathSeparator)) {
                if (!candidate.isBlank() && Files.exists(Paths.get(candidate))) {
                    found.add(Paths.get(candidate));
                    return found;
                }
            }
        }
        Path dir = installDir();
        if (dir != null && Files.isDirectory(dir.resolve("plugins"))) {
            try (Stream<Path> list = Files.list(dir.resolve("plugins"))) {
                list.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(found::add);
            } catch (IOException e) {
                // nothing found
            }
        }
        return found;
    }

    /**
     * The bundled sample code (classes and sources): the gridlock-sample-code jar on the CLI's class path (from the
     * manifest Class-Path: lib/), found through the pom.properties Maven puts in it; or the folder given by
     * -Dgridlock.samples. Null when absent.
     */
    static Path sampleCode() {
        String prop = System.getProperty(SAMPLES_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return Paths.get(prop);
        }
        URL url = Main.class.getClassLoader()
                .getResource("META-INF/maven/io.github.gridlock/gridlock-sample-code/pom.properties");
        if (url == null) {
            url = Main.class.getClassLoader().getResource("io/github/gridlock/samples/");
        }
        if (url == null) {
            return null;
        }
        String s = url.toString();
        try {
            if (s.startsWith("jar:")) {
                return Paths.get(new URL(s.substring(4, s.indexOf("!/"))).toURI());
            }
            if (s.startsWith("file:")) {
                Path p = Paths.get(url.toURI());
                // strip the resource path to get the class folder
                String resource = s.contains("META-INF/maven") ? "META-INF/maven/io.github.gridlock/gridlock-sample-code/pom.properties"
                        : "io/github/gridlock/samples/";
                int depth = resource.split("/").length;
                for (int i = 0; i < depth; i++) {
                    p = p.getParent();
                }
                return p;
            }
        } catch (URISyntaxException | IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /**
     * Where the bug codes' pages are: {@code docsUrl} (the --docs-url option) when given; else the URL the tool was
     * built with ({@code -Dgridlock.docs.url=...}); else the pages on disk: -Dgridlock.docs, the docs/patterns of
     * the source checkout the tool was built in, or the copy beside the jar (docs/patterns).
     */
    static io.github.gridlock.cli.report.DocsLinks docs(String docsUrl) {
        if (docsUrl != null && !docsUrl.isBlank()) {
            return io.github.gridlock.cli.report.DocsLinks.url(docsUrl);
        }
        String built = versionProperties().getProperty("docsUrl", "");
        if (!built.isBlank() && !built.startsWith("${")) {
            return io.github.gridlock.cli.report.DocsLinks.url(built);
        }
        List<Path> candidates = new ArrayList<>();
        String prop = System.getProperty(DOCS_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            candidates.add(Paths.get(prop));
        }
        Path dir = installDir();
        if (dir != null) {
            // cli/target/ in a checkout: the pages as written, at <checkout>/docs/patterns.
            if (dir.getParent() != null && dir.getParent().getParent() != null) {
                candidates.add(dir.getParent().getParent().resolve("docs").resolve("patterns"));
            }
            candidates.add(dir.resolve("docs").resolve("patterns"));
        }
        for (Path candidate : candidates) {
            if (holdsPages(candidate)) {
                return io.github.gridlock.cli.report.DocsLinks.folder(candidate);
            }
        }
        return io.github.gridlock.cli.report.DocsLinks.none();
    }

    private static boolean holdsPages(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.anyMatch(p -> p.getFileName().toString().matches("GL_[A-Z0-9_]+\\.md"));
        } catch (IOException e) {
            return false;
        }
    }

    static String version() {
        return versionProperties().getProperty("version", "unknown");
    }

    static String spotbugsVersion() {
        return versionProperties().getProperty("spotbugs", edu.umd.cs.findbugs.Version.VERSION_STRING);
    }

    private static Properties versionProperties() {
        Properties props = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            // defaults
        }
        return props;
    }
}
