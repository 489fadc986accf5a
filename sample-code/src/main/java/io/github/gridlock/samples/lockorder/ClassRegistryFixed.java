package io.github.gridlock.samples.lockorder;

/**
 * Fixed twin of {@link ClassRegistryDeadlock}: {@code reload} asks the registry first, holding nothing, and
 * only then locks the loader's class object. The only order left is registry class before loader class.
 */
public class ClassRegistryFixed {

    public static synchronized void register(String name) {
        System.out.println("registering " + name);
        PluginLoader.loaded(name);
    }

    public static synchronized boolean lookup(String name) {
        System.out.println("looking up " + name);
        return !name.isEmpty();
    }

    /** Loads plugins; serialises on its own class object. */
    public static final class PluginLoader {
        private PluginLoader() {
        }

        static void loaded(String name) {
            synchronized (PluginLoader.class) {
                System.out.println("loaded " + name);
            }
        }

        public static boolean reload(String name) {
            boolean known = lookup(name);
            synchronized (PluginLoader.class) {
                System.out.println("reloading " + name);
            }
            return known;
        }
    }
}
