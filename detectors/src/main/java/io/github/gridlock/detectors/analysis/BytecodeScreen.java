package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.ClassContext;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.MethodGen;
import org.apache.bcel.generic.NEW;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The concurrency-API entries a method's call instructions name, read from its bytecode alone: a pre-screen for a
 * detector whose shape starts at such a call ("a method that creates an executor"), so that it skips the methods that
 * cannot hold it before asking for their facts or walking their locations. Every call instruction is seen, reachable
 * or not, so a screen that says no is never wrong; one that says yes only means the detector looks. Kept in the
 * {@link ClassContext}'s method-analysis cache, dropped with it.
 */
public final class BytecodeScreen {
    private static final BytecodeScreen NOTHING = new BytecodeScreen(List.of(), List.of(), false, false);

    /** Distinct entries of {@link ConcurrencyApi#lookup} over the method's calls ({@code invokedynamic} has none). */
    private final List<ConcurrencyApi.Entry> calls;
    /** Distinct entries of {@link ConcurrencyApi#lookupResource} over the method's calls. */
    private final List<ConcurrencyApi.Entry> resources;
    /** Whether some call has a {@link ConcurrencyApi#lookupCollection} entry. */
    private final boolean callsCollection;
    /** Whether the method creates an object of a {@link ConcurrencyApi#isConcurrentCollection concurrent collection}. */
    private final boolean createsConcurrentCollection;

    private BytecodeScreen(List<ConcurrencyApi.Entry> calls, List<ConcurrencyApi.Entry> resources, boolean callsCollection,
            boolean createsConcurrentCollection) {
        this.calls = calls;
        this.resources = resources;
        this.callsCollection = callsCollection;
        this.createsConcurrentCollection = createsConcurrentCollection;
    }

    /** The screen of {@code method}; one that names nothing when it has no code SpotBugs can read. */
    public static BytecodeScreen of(ClassContext classContext, Method method) {
        if (method.getCode() == null) {
            return NOTHING;
        }
        edu.umd.cs.findbugs.classfile.MethodDescriptor md = MethodSummaries.descriptorOf(classContext, method);
        Object cached = classContext.getMethodAnalysis(BytecodeScreen.class, md);
        if (cached instanceof BytecodeScreen) {
            return (BytecodeScreen) cached;
        }
        MethodGen methodGen = classContext.getMethodGen(method);
        BytecodeScreen screen = methodGen == null || methodGen.getInstructionList() == null ? NOTHING : read(methodGen);
        classContext.putMethodAnalysis(BytecodeScreen.class, md, screen);
        return screen;
    }

    private static BytecodeScreen read(MethodGen methodGen) {
        ConstantPoolGen cpg = methodGen.getConstantPool();
        List<ConcurrencyApi.Entry> calls = new ArrayList<>();
        List<ConcurrencyApi.Entry> resources = new ArrayList<>();
        boolean collections = false;
        boolean createsConcurrent = false;
        for (InstructionHandle h = methodGen.getInstructionList().getStart(); h != null; h = h.getNext()) {
            if (h.getInstruction() instanceof NEW) {
                createsConcurrent |= ConcurrencyApi.isConcurrentCollection(((NEW) h.getInstruction()).getLoadClassType(cpg).getClassName());
            }
            if (!(h.getInstruction() instanceof InvokeInstruction) || h.getInstruction() instanceof INVOKEDYNAMIC) {
                continue;
            }
            InvokeInstruction call = (InvokeInstruction) h.getInstruction();
            addOnce(calls, ConcurrencyApi.lookup(call, cpg));
            addOnce(resources, ConcurrencyApi.lookupResource(call, cpg));
            collections |= ConcurrencyApi.lookupCollection(call, cpg) != null;
        }
        return calls.isEmpty() && resources.isEmpty() && !collections && !createsConcurrent ? NOTHING
                : new BytecodeScreen(calls, resources, collections, createsConcurrent);
    }

    private static void addOnce(List<ConcurrencyApi.Entry> out, ConcurrencyApi.Entry e) {
        if (e != null && !out.contains(e)) {
            out.add(e);
        }
    }

    /** Whether some call of the method has a {@link ConcurrencyApi#lookup} entry that {@code test} accepts. */
    public boolean callsApi(Predicate<ConcurrencyApi.Entry> test) {
        return anyOf(calls, test);
    }

    /** Whether some call of the method has a {@link ConcurrencyApi#lookupResource} entry that {@code test} accepts. */
    public boolean callsResource(Predicate<ConcurrencyApi.Entry> test) {
        return anyOf(resources, test);
    }

    /** Whether some call of the method has a {@link ConcurrencyApi#lookupCollection} entry. */
    public boolean callsCollection() {
        return callsCollection;
    }

    /** Whether the method creates a concurrent collection ({@code new ConcurrentHashMap<>()}, {@code new Vector<>()}). */
    public boolean createsConcurrentCollection() {
        return createsConcurrentCollection;
    }

    private static boolean anyOf(List<ConcurrencyApi.Entry> entries, Predicate<ConcurrencyApi.Entry> test) {
        for (ConcurrencyApi.Entry e : entries) {
            if (test.test(e)) {
                return true;
            }
        }
        return false;
    }
}
