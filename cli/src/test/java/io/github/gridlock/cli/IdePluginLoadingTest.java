package io.github.gridlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The plugin jar loaded the way the IDE integrations load it (SpotBugs for IntelliJ IDEA and Eclipse both hand the
 * jar's URI to {@code Plugin.addCustomPlugin}): in a class loader that holds SpotBugs and its libraries and nothing
 * of Gridlock, so every detector class must come out of the jar itself. Every detector and bug pattern its
 * {@code findbugs.xml} declares must be registered, with the texts of {@code messages.xml}.
 */
class IdePluginLoadingTest {

    @Test
    void thePluginJarLoadsThroughSpotBugsOwnLoaderWithNothingElse() throws Exception {
        Path jar = Fixtures.plugin();
        assertTrue(jar.toString().endsWith(".jar"), "the built plugin jar (mvn package): " + jar);
        Set<String> declaredDetectors = new TreeSet<>();
        Set<String> declaredPatterns = new TreeSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Document findbugs = xml(zip, "findbugs.xml");
            NodeList detectors = findbugs.getElementsByTagName("Detector");
            for (int i = 0; i < detectors.getLength(); i++) {
                declaredDetectors.add(((Element) detectors.item(i)).getAttribute("class"));
            }
            NodeList patterns = findbugs.getElementsByTagName("BugPattern");
            for (int i = 0; i < patterns.getLength(); i++) {
                declaredPatterns.add(((Element) patterns.item(i)).getAttribute("type"));
            }
        }
        assertFalse(declaredDetectors.isEmpty());
        assertFalse(declaredPatterns.isEmpty());

        ClassLoader context = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader spotbugsOnly = new URLClassLoader(spotBugsClassPath(), ClassLoader.getPlatformClassLoader())) {
            // As in an IDE, SpotBugs' libraries (dom4j's factories) look classes up through the context loader.
            Thread.currentThread().setContextClassLoader(spotbugsOnly);
            Class<?> collection = spotbugsOnly.loadClass("edu.umd.cs.findbugs.DetectorFactoryCollection");
            collection.getMethod("instance").invoke(null);
            Class<?> pluginClass = spotbugsOnly.loadClass("edu.umd.cs.findbugs.Plugin");
            Object plugin = pluginClass.getMethod("addCustomPlugin", URI.class).invoke(null, jar.toUri());
            assertNotNull(plugin, "SpotBugs took the jar for a plugin");
            ClassLoader pluginLoader = (ClassLoader) call(plugin, "getClassLoader");

            Set<String> registeredDetectors = new TreeSet<>();
            for (Object factory : (Iterable<?>) call(plugin, "getDetectorFactories")) {
                String name = (String) call(factory, "getFullName");
                registeredDetectors.add(name);
                Class<?> detector = pluginLoader.loadClass(name);
                assertSame(pluginLoader, detector.getClassLoader(), name + " comes out of the jar");
                assertFalse(((String) call(factory, "getDetailHTML")).isBlank(), name + " has its messages.xml details");
            }
            assertEquals(declaredDetectors, registeredDetectors);

            Set<String> registeredPatterns = new TreeSet<>();
            for (Object pattern : (Iterable<?>) call(plugin, "getBugPatterns")) {
                String type = (String) call(pattern, "getType");
                registeredPatterns.add(type);
                for (String text : List.of("getShortDescription", "getLongDescription", "getDetailText")) {
                    String value = (String) call(pattern, text);
                    assertTrue(value != null && !value.isBlank(),
                            type + " " + text + ": " + value);
                }
            }
            assertEquals(declaredPatterns, registeredPatterns);
        } finally {
            Thread.currentThread().setContextClassLoader(context);
        }
    }

    /**
     * This JVM's class path less everything of Gridlock (the checkout's modules, Gridlock's jars in the local
     * repository): SpotBugs and the libraries it runs with, and the test libraries, which SpotBugs never touches.
     */
    private static URL[] spotBugsClassPath() throws Exception {
        Path checkout = Paths.get(System.getProperty("user.dir")).toAbsolutePath().getParent();
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Paths.get(entry).toAbsolutePath();
            String s = p.toString().replace('\\', '/');
            boolean gridlock = p.startsWith(checkout) || s.contains("/io/github/gridlock/");
            if (!gridlock) {
                urls.add(p.toUri().toURL());
            }
        }
        return urls.toArray(new URL[0]);
    }

    private static Document xml(ZipFile zip, String name) throws Exception {
        ZipEntry entry = zip.getEntry(name);
        assertNotNull(entry, name + " in the jar");
        try (InputStream in = zip.getInputStream(entry)) {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }

    private static Object call(Object target, String method) throws Exception {
        Method m = target.getClass().getMethod(method);
        return m.invoke(target);
    }
}
