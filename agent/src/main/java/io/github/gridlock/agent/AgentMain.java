package io.github.gridlock.agent;

import io.github.gridlock.agent.instrument.LockOrderTransformer;
import io.github.gridlock.agent.report.ConsoleReporter;
import io.github.gridlock.agent.report.ExitHook;
import io.github.gridlock.agent.runtime.LockHooks;
import io.github.gridlock.agent.runtime.RuntimeConfig;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;

/** Configures the runtime, the reports and the transformer. Called by {@link Premain} only. */
final class AgentMain {
    private AgentMain() {
    }

    static void start(String args, Instrumentation inst, boolean late) {
        AgentOptions o = AgentOptions.parse(args);
        for (String e : o.errors) {
            System.err.println("[gridlock] option error: " + e);
        }
        openLocksPackage(inst);
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
        LockOrderTransformer transformer = new LockOrderTransformer(o.classFilter(), false);
        inst.addTransformer(transformer, true);
        LockHooks.activate(o.watchdogMillis);
        if (late) {
            retransformLoaded(inst);
        }
    }

    /** Lets the runtime read the synchronizer shared by both halves of a ReentrantReadWriteLock. */
    private static void openLocksPackage(Instrumentation inst) {
        try {
            Module base = Lock.class.getModule();
            if (inst.isModifiableModule(base)) {
                inst.redefineModule(base, Set.of(), Map.of(),
                        Map.of("java.util.concurrent.locks", Set.of(LockHooks.class.getModule())), Set.of(),
                        Map.of());
            }
        } catch (RuntimeException e) {
            System.err.println("[gridlock] warning: cannot open java.util.concurrent.locks (" + e
                    + "); the two halves of a ReentrantReadWriteLock are tracked as separate locks");
        }
    }

    private static void retransformLoaded(Instrumentation inst) {
        List<Class<?>> todo = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.getClassLoader() != null && inst.isModifiableClass(c) && !c.isArray()
                    && !LockOrderTransformer.isExcludedAlways(c.getName().replace('.', '/'))) {
                todo.add(c);
            }
        }
        for (Class<?> c : todo) {
            try {
                inst.retransformClasses(c);
            } catch (Throwable t) {
                // left as it is
            }
        }
    }
}
