package io.github.gridlock.agent.programs;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;

/**
 * Runs a program in a class loader that never delegates {@code io.github.gridlock} to its parent (like OSGi bundles
 * or JBoss Modules without boot delegation of the agent's packages), over a class path without the agent. Args:
 * CLASSPATH MAIN [ARGS...].
 */
public final class ChildFirst {
    static final class IsolatingLoader extends URLClassLoader {
        IsolatingLoader(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("io.github.gridlock.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name); // never the parent, where the agent's classes are
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }

    public static void main(String[] args) throws Exception {
        String[] entries = args[0].split(File.pathSeparator);
        URL[] urls = new URL[entries.length];
        for (int i = 0; i < entries.length; i++) {
            urls[i] = new File(entries[i]).toURI().toURL();
        }
        try (IsolatingLoader isolated = new IsolatingLoader(urls, ChildFirst.class.getClassLoader())) {
            Class<?> main = Class.forName(args[1], true, isolated);
            System.out.println("main class loaded by " + (main.getClassLoader() == isolated ? "the isolating loader"
                    : main.getClassLoader()));
            main.getMethod("main", String[].class).invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        }
    }
}
