package io.github.gridlock.samples.lockorder;

/**
 * GL_LOCK_ORDER_INVERSION on class literals: a {@code static synchronized} method locks its class object,
 * exactly like {@code synchronized (ClassRegistryDeadlock.class)}. {@code register} (static synchronized)
 * calls the loader, which locks {@code PluginLoader.class}; {@code PluginLoader.reload} holds
 * {@code PluginLoader.class} and calls the static synchronized {@code lookup}. Class literals are exact
 * identities (one object per class). Reported once, at the call {@code PluginLoader.loaded(name)}.
 *
 * @see ClassRegistryFixed
 */
public class ClassRegistryDeadlock {

    public static synchronized void register(String name) {
        System.out.println("registering " + name);
        PluginLoader.loaded(name); // expect: GL_LOCK_ORDER_INVERSION
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
            synchronized (PluginLoader.class) {
                System.out.println("reloading " + name);
                return lookup(name);
            }
        }
    }
}
