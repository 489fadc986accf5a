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
        RuntimeConfig.reportSequential = !o.sequential.equals("off");
        RuntimeConfig.failOnSequential = o.sequential.equals("fail");
        RuntimeConfig.readFaultInjection();
        if (!o.quiet) {
            LockHooks.addListener(new ConsoleReporter(System.err));
        }
        Thread exit = new Thread(new ExitHook(o.report, o.sarif, o.html, o.quiet || !o.summary ? null : System.err),
                "gridlock-exit");
        Runtime.getRuntime().addShutdownHook(exit);
        JdkClasses jdk = new JdkClasses(o.jdk);
        LockOrderTransformer transformer = new LockOrderTransformer(o.classFilter(), jdk,
                LockOrderTransformer.bridgeName());
        inst.addTransformer(transformer, true);
        LockHooks.activate(o.watchdogMillis);
        int jdkClasses = retransform(inst, transformer, late);
        if (!o.quiet && o.banner) {
            printErr(banner(o, jdk, jdkClasses));
        }
    }

    /** Prints on stderr with this thread's tracking paused: the agent's own printing never enters the graph. */
    private static void printErr(String line) {
        boolean paused = LockHooks.pauseTracking();
        try {
            System.err.println(line);
        } finally {
            LockHooks.resumeTracking(paused);
        }
    }

    private static int countJdk(List<Class<?>> classes) {
        int n = 0;
        for (Class<?> c : classes) {
            ClassLoader loader = c.getClassLoader();
            n += loader == null || loader == ClassLoader.getPlatformClassLoader() ? 1 : 0;
        }
        return n;
    }

    /** The one line that shows the agent runs, and how. */
    private static String banner(AgentOptions o, JdkClasses jdk, int jdkClasses) {
        String version = AgentMain.class.getPackage().getImplementationVersion();
        StringBuilder sb = new StringBuilder("[gridlock] agent ").append(version == null ? "(dev)" : version)
                .append(" watching lock order: classes ");
        sb.append(o.include.isEmpty() ? "all" : String.join(":", o.include));
        if (!o.exclude.isEmpty()) {
            sb.append(" except ").append(String.join(":", o.exclude));
        }
        sb.append(", jdk=").append(jdk.describe());
        if (!jdk.isEmpty()) {
            sb.append(" (").append(jdkClasses).append(" loaded JDK classes retransformed)");
        }
        sb.append(", onCycle=").append(o.failOnCycle ? "fail" : "log").append(", sequential=").append(o.sequential);
        sb.append(o.report != null ? ", report=" + o.report : "").append(o.sarif != null ? ", sarif=" + o.sarif : "")
                .append(o.html != null ? ", html=" + o.html : "");
        return sb.append(" (banner=false hides this line)").toString();
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
     * Returns how many JDK classes were retransformed.
     */
    private static int retransform(Instrumentation inst, LockOrderTransformer transformer, boolean late) {
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
        int jdkDone = 0;
        try {
            inst.retransformClasses(todo.toArray(new Class<?>[0])); // one VM operation for all
            jdkDone = countJdk(todo);
        } catch (Throwable all) {
            for (Class<?> c : todo) { // one of them cannot be: each on its own, to find it
                try {
                    inst.retransformClasses(c);
                    jdkDone += countJdk(List.of(c));
                } catch (Throwable t) {
                    failed.add(c.getName() + " (" + t + ")");
                }
            }
        }
        if (!failed.isEmpty()) {
            printErr("[gridlock] warning: " + failed.size() + " loaded classes left uninstrumented: "
                    + String.join(", ", failed));
        }
        return jdkDone;
    }
}
