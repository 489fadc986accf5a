package io.github.gridlock.agent;

import io.github.gridlock.agent.instrument.JdkClasses;
import io.github.gridlock.agent.instrument.LockOrderTransformer;
import io.github.gridlock.agent.report.ConsoleReporter;
import io.github.gridlock.agent.report.ExitHook;
import io.github.gridlock.agent.runtime.LockHooks;
import io.github.gridlock.agent.runtime.RuntimeConfig;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/** Configures the runtime, the reports and the transformer. Called by {@link Premain} only. */
final class AgentMain {
    private AgentMain() {
    }

    /**
     * Everything that can fail before the program is changed (options, bridge) comes first; a failure there
     * propagates to {@link Premain}, which reports that the agent is not installed.
     */
    static void start(String args, Instrumentation inst, boolean late, List<String> runtimeClasses)
            throws ReflectiveOperationException {
        AgentOptions o = AgentOptions.parse(args);
        for (String e : o.errors) {
            System.err.println("[gridlock] option error: " + e);
        }
        RuntimeBridge.install(inst);
        initialise(runtimeClasses);
        RuntimeConfig.failOnCycle = o.failOnCycle;
        RuntimeConfig.singleThreadFilter = o.singleThreadFilter;
        RuntimeConfig.gateFilter = o.gateFilter;
        RuntimeConfig.happensBeforeFilter = o.happensBeforeFilter;
        RuntimeConfig.readReadFilter = o.readReadFilter;
        RuntimeConfig.maxCycleLength = o.maxCycleLength;
        if (!o.quiet) {
            LockHooks.addListener(new ConsoleReporter(System.err));
        }
        Thread exit = new Thread(new ExitHook(o.report, o.sarif), "gridlock-exit");
        Runtime.getRuntime().addShutdownHook(exit);
        JdkClasses jdk = new JdkClasses(o.jdk);
        LockOrderTransformer transformer = new LockOrderTransformer(o.classFilter(), jdk,
                LockOrderTransformer.bridgeName());
        inst.addTransformer(transformer, true);
        LockHooks.activate(o.watchdogMillis);
        retransform(inst, transformer, late);
    }

    /**
     * Loads and initialises every runtime class now, so that no hook called from a JDK class ever has to load one
     * of them (class loading may itself take monitors of instrumented JDK classes).
     */
    private static void initialise(List<String> runtimeClasses) {
        for (String name : runtimeClasses) {
            try {
                Class.forName(name, true, null);
            } catch (ClassNotFoundException | LinkageError e) {
                // left to load on first use
            }
        }
    }

    /**
     * Retransforms the loaded classes the transformer accepts: the selected JDK classes, and with a late attach
     * the application's too. A class that cannot be retransformed is left as it is, counted in one warning.
     */
    private static void retransform(Instrumentation inst, LockOrderTransformer transformer, boolean late) {
        List<Class<?>> todo = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.isArray() || !inst.isModifiableClass(c)) {
                continue;
            }
            ClassLoader loader = c.getClassLoader();
            boolean jdk = loader == null || loader == ClassLoader.getPlatformClassLoader();
            if ((jdk || late) && transformer.accepts(loader, c.getName().replace('.', '/'))) {
                todo.add(c);
            }
        }
        List<String> failed = new ArrayList<>();
        for (Class<?> c : todo) {
            try {
                inst.retransformClasses(c);
            } catch (Throwable t) {
                failed.add(c.getName() + " (" + t + ")");
            }
        }
        if (!failed.isEmpty()) {
            System.err.println("[gridlock] warning: " + failed.size() + " loaded classes left uninstrumented: "
                    + String.join(", ", failed));
        }
    }
}
