package io.github.gridlock.cli.engine;

import edu.umd.cs.findbugs.DetectorFactoryCollection;
import edu.umd.cs.findbugs.Plugin;
import edu.umd.cs.findbugs.PluginException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Loads plugin jars as SpotBugs plugins, the way {@code -pluginList} does: each through its own class loader whose
 * parent holds SpotBugs, registered in the global {@link DetectorFactoryCollection}. SpotBugs' plugin registry is
 * global to the JVM, so a plugin is loaded once per JVM and reused by later scans (tests run many).
 */
public final class PluginRegistry {
    private static final Map<URI, Plugin> LOADED = new HashMap<>();

    private PluginRegistry() {
    }

    /**
     * @return the loaded plugin
     * @throws PluginLoadException naming the file when it is missing, is no plugin, or clashes with a loaded one
     */
    public static synchronized Plugin load(Path pluginPath) throws PluginLoadException {
        Path abs = pluginPath.toAbsolutePath().normalize();
        if (!Files.exists(abs)) {
            throw new PluginLoadException(abs + ": plugin not found");
        }
        URI uri = abs.toUri();
        Plugin cached = LOADED.get(uri);
        if (cached != null) {
            return cached;
        }
        // Touch the collection first: its initialisation loads the core plugin exactly once.
        DetectorFactoryCollection.instance();
        try {
            Plugin plugin = Plugin.addCustomPlugin(uri);
            if (plugin == null) {
                throw new PluginLoadException(abs + ": not a SpotBugs plugin (no findbugs.xml/messages.xml)");
            }
            plugin.setGloballyEnabled(true);
            LOADED.put(uri, plugin);
            return plugin;
        } catch (PluginException | RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (root != e && root.getMessage() != null) {
                detail += " (" + root.getMessage() + ")";
            }
            throw new PluginLoadException(abs + ": cannot load as a SpotBugs plugin: " + detail);
        }
    }

    /** A plugin that could not be loaded; the message names the file. */
    public static final class PluginLoadException extends Exception {
        private static final long serialVersionUID = 1L;

        public PluginLoadException(String message) {
            super(message);
        }
    }
}
