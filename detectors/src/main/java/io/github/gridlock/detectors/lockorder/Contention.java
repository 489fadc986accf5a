package io.github.gridlock.detectors.lockorder;

import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.ConcurrencyApi;
import io.github.gridlock.detectors.analysis.GlobalLock;
import io.github.gridlock.detectors.analysis.GridlockAnalysis;
import io.github.gridlock.detectors.analysis.LockId;
import io.github.gridlock.detectors.analysis.LockKind;
import io.github.gridlock.detectors.analysis.ProgramFacts;
import io.github.gridlock.detectors.analysis.ThreadEntries;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether another thread may need a held lock while its holder blocks: a blocking call under a lock only
 * matters then. Asked once the whole program is known (in {@code report()}).
 *
 * <ul>
 * <li>A static lock or class literal, and a lock of a class annotated {@code @ThreadSafe}: shared by design.</li>
 * <li>A lock of an object under construction (its own constructor holds it), or of an object created in the
 * method: nobody else can see it yet.</li>
 * <li>The monitor of a stream, reader or writer of the program's own ({@code java.io} subclasses synchronise
 * defensively; one thread reads or writes a stream).</li>
 * <li>Otherwise: every method that takes the lock, and the threads that run them (the thread entries that reach
 * them, and the program's callers for code reached from its public methods). Contended when two of those threads
 * differ, when one runs several times at once, or when callers outside reach two different methods that take it
 * (a class that synchronises two operations expects concurrent callers). A lock that only one thread entry takes
 * is not contended. A lock that only the blocking method takes, reached only by callers outside, is possibly
 * contended (only if they call it from several threads at once), as is a lock the analysis cannot name.</li>
 * </ul>
 */
final class Contention {
    private static final List<String> SINGLE_USER_STREAMS = List.of("java.io.InputStream", "java.io.OutputStream",
            "java.io.Reader", "java.io.Writer");
    /** The callers' threads, as one more thread among the entries. */
    private static final MethodDescriptor CALLERS = DescriptorFactory.instance().getMethodDescriptor(
            "<callers>", "<callers>", "()V", true);

    /** The verdict on a held lock. */
    enum Verdict {
        /** Another thread needs it: a finding. */
        CONTENDED,
        /** Maybe: a finding at low priority. */
        POSSIBLY,
        /** No other thread can wait for it. */
        NOT_CONTENDED
    }

    private final ProgramFacts program;
    private final ThreadEntries entries;

    Contention(GridlockAnalysis analysis) {
        this.program = analysis.program();
        this.entries = analysis.threadEntries();
    }

    Verdict of(LockId lock, MethodDescriptor holder) {
        AccessPath root = lock.path().root();
        if (root.kind() == AccessPath.Kind.STATIC_FIELD || root.kind() == AccessPath.Kind.CLASS_LITERAL) {
            return Verdict.CONTENDED;
        }
        if (root.kind() == AccessPath.Kind.FRESH || "<init>".equals(holder.getName()) && root.kind() == AccessPath.Kind.THIS) {
            return Verdict.NOT_CONTENDED;
        }
        GlobalLock global = GlobalLock.of(lock, holder);
        if (global == null) {
            return Verdict.POSSIBLY;
        }
        String cls = ownerClass(lock, holder);
        if (cls != null && program.threadSafeClasses().contains(DescriptorFactory.createClassDescriptorFromDottedClassName(cls))) {
            return Verdict.CONTENDED;
        }
        if (lock.kind() == LockKind.MONITOR && lock.path().kind() == AccessPath.Kind.THIS && isStream(cls)) {
            return Verdict.NOT_CONTENDED;
        }
        return byTakers(global, holder);
    }

    private Verdict byTakers(GlobalLock global, MethodDescriptor holder) {
        Set<MethodDescriptor> takers = new HashSet<>(program.acquirersOf(global));
        takers.add(holder);
        takers.removeIf(m -> "<init>".equals(m.getName()) || "<clinit>".equals(m.getName()));
        Set<MethodDescriptor> threads = new HashSet<>();
        int reachedByCallers = 0;
        for (MethodDescriptor m : takers) {
            for (MethodDescriptor entry : entries.entriesReaching(m)) {
                threads.add(entry);
                ThreadEntries.Entry e = entries.entry(entry);
                if (e != null && e.mayRunConcurrentlyWithItself()) {
                    return Verdict.CONTENDED;
                }
            }
            if (entries.isReachedFromApi(m)) {
                threads.add(CALLERS);
                reachedByCallers++;
            }
        }
        if (threads.size() >= 2 || reachedByCallers >= 2) {
            return Verdict.CONTENDED;
        }
        return threads.size() == 1 && !threads.contains(CALLERS) ? Verdict.NOT_CONTENDED : Verdict.POSSIBLY;
    }

    /** The class of the object the lock lives in (the field's declaring class, or the holder's class for this). */
    private static String ownerClass(LockId lock, MethodDescriptor holder) {
        AccessPath p = lock.path();
        if (p.kind() == AccessPath.Kind.FIELD) {
            return p.owner();
        }
        return p.kind() == AccessPath.Kind.THIS ? holder.getSlashedClassName().replace('/', '.') : null;
    }

    private static boolean isStream(String cls) {
        if (cls == null) {
            return false;
        }
        for (String stream : SINGLE_USER_STREAMS) {
            if (ConcurrencyApi.isSubtype(cls, stream)) {
                return true;
            }
        }
        return false;
    }
}
