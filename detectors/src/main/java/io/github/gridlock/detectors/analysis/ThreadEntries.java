package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which code may run on a thread other than the one that created it, and how many at once: the thread
 * entries of the program. An entry is a method that work handed off runs ({@code run()} of a thread subclass
 * or a {@code Runnable}, a lambda given to an executor, a future callback, a timer task, a fork/join task), or
 * a public method of a class annotated {@code @ThreadSafe} (its callers are, by contract, many threads).
 * Every method an entry runs through single-target calls runs on the entry's thread (a call with several possible
 * targets, {@code task.run()} on any {@code Runnable}, is not followed: it would put every implementation on every
 * thread).
 *
 * <p>Built from {@link ProgramFacts}; rebuilt when more classes were collected since.
 */
public final class ThreadEntries {

    /** One thread entry. */
    public static final class Entry {
        private final MethodDescriptor method;
        private final List<ProgramFacts.HandoffSite> sites = new ArrayList<>();
        private boolean threadSafeApi;

        Entry(MethodDescriptor method) {
            this.method = method;
        }

        public MethodDescriptor method() {
            return method;
        }

        /** Where the work is handed off (empty for {@code @ThreadSafe} API methods). */
        public List<ProgramFacts.HandoffSite> sites() {
            return Collections.unmodifiableList(sites);
        }

        /** True for a public method of a {@code @ThreadSafe} class. */
        public boolean isThreadSafeApi() {
            return threadSafeApi;
        }

        /**
         * True when two runs of this entry may overlap: it is handed off at two or more places or in a loop,
         * or it is the API of a {@code @ThreadSafe} class.
         */
        public boolean mayRunConcurrentlyWithItself() {
            if (threadSafeApi || sites.size() > 1) {
                return true;
            }
            for (ProgramFacts.HandoffSite s : sites) {
                if (s.handoff().inLoop()) {
                    return true;
                }
            }
            return false;
        }
    }

    private final ProgramFacts program;
    private final Map<MethodDescriptor, Entry> entries = new LinkedHashMap<>();
    private final Map<MethodDescriptor, Set<MethodDescriptor>> reachingEntries = new HashMap<>();
    private final Set<MethodDescriptor> reachedFromApi = new HashSet<>();
    private final int generation;

    private ThreadEntries(ProgramFacts program) {
        this.program = program;
        this.generation = program.generation();
        for (ProgramFacts.HandoffSite site : program.handoffs()) {
            for (Invocation run : site.handoff().runs()) {
                entries.computeIfAbsent(run.target(), Entry::new).sites.add(site);
            }
        }
        for (ClassDescriptor cls : program.threadSafeClasses()) {
            for (MethodDescriptor m : program.publicMethodsOf(cls)) {
                entries.computeIfAbsent(m, Entry::new).threadSafeApi = true;
            }
        }
        for (Entry e : entries.values()) {
            for (MethodDescriptor reached : reachedFrom(e.method)) {
                reachingEntries.computeIfAbsent(reached, k -> new HashSet<>()).add(e.method);
            }
        }
        List<MethodDescriptor> api = new ArrayList<>();
        for (MethodDescriptor m : program.apiMethods()) {
            if (!entries.containsKey(m)) {
                api.add(m);
            }
        }
        reach(api, reachedFromApi);
    }

    /**
     * True when {@code method} may run on a thread of the program's callers: it is reached through calls from a
     * public or protected method that is not itself a thread entry. Code that only entries run is not.
     */
    public boolean isReachedFromApi(MethodDescriptor method) {
        return reachedFromApi.contains(method);
    }

    static ThreadEntries of(ProgramFacts program, ThreadEntries previous) {
        return previous != null && previous.generation == program.generation() ? previous : new ThreadEntries(program);
    }

    /** Every entry, in the order found. */
    public Map<MethodDescriptor, Entry> entries() {
        return Collections.unmodifiableMap(entries);
    }

    /** The entry that is {@code method}, or null. */
    public Entry entry(MethodDescriptor method) {
        return entries.get(method);
    }

    /** The entries whose thread may run {@code method} (the method itself when it is one). */
    public Set<MethodDescriptor> entriesReaching(MethodDescriptor method) {
        return Collections.unmodifiableSet(reachingEntries.getOrDefault(method, Set.of()));
    }

    /** Every collected method that {@code entry} runs on its thread, itself included. */
    public Set<MethodDescriptor> reachedFrom(MethodDescriptor entry) {
        Set<MethodDescriptor> seen = new HashSet<>();
        reach(List.of(entry), seen);
        return seen;
    }

    private void reach(List<MethodDescriptor> roots, Set<MethodDescriptor> seen) {
        Deque<MethodDescriptor> work = new ArrayDeque<>();
        for (MethodDescriptor r : roots) {
            if (seen.add(r)) {
                work.add(r);
            }
        }
        while (!work.isEmpty()) {
            MethodSummary s = program.summaryOf(work.poll());
            if (s == null) {
                continue;
            }
            for (CallFacts.CallSite site : s.calls()) {
                if (site.isMonomorphic() && seen.add(site.callee())) {
                    work.add(site.callee());
                }
            }
        }
    }
}
