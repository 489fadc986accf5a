package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.XField;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import org.apache.bcel.classfile.Code;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ACONST_NULL;
import org.apache.bcel.generic.ALOAD;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.GETSTATIC;
import org.apache.bcel.generic.INVOKESTATIC;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.LDC;
import org.apache.bcel.generic.ReferenceType;
import org.apache.bcel.generic.StoreInstruction;
import org.apache.bcel.generic.Type;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Objects a thread entry's run works on alone: made on that run and kept only in fields of objects of that run, so
 * each run of the entry has its own ({@code run()} of a thread subclass calls {@code setFollower(makeFollower())},
 * the follower keeps the server it was constructed with, and the server's methods work on {@code this}).
 *
 * <p>In a closed world, the convention of the lock-order family: calls resolve over the analysed classes, a field is
 * written only where analysed code writes it (a public or protected field, or a public setter, included), and a
 * parameter gets only what analysed callers pass. An object is the run's own ({@link #isOwnedByRun}) when, at that
 * place on the entry's thread, it is
 * <ul>
 * <li>{@code this} of the entry itself, when every hand-off of the entry gives it an object of its own (a {@code new}
 * at each site: {@code new Peer()} of a {@code Thread} subclass) and no analysed code calls the entry directly;</li>
 * <li>{@code this} of another method, or a parameter, when every call of it that the entry's thread runs passes the
 * run's own object;</li>
 * <li>an object the method has just made ({@code new}), or the result of a call whose every analysed target returns a
 * fresh object ({@link FreshResults});</li>
 * <li>a field of the run's own object, when every analysed write of that field stores the run's allocation or
 * {@code null}: in code that only this entry's thread reaches (every analysed call chain to it starts at the entry;
 * no other entry runs it), on an object of the run (or in the constructor of the object), a value that code has just
 * made, got from a fresh factory, or got as a parameter from such code.</li>
 * </ul>
 * Not the run's own: anything reached from a static field, from a field some write of which stores anything else
 * (an object got from elsewhere), or through a call made outside the entry's thread.
 */
final class PerRunObjects {

    /** How many calls and fields deep a chain is followed. */
    private static final int MAX_DEPTH = 8;

    private final ProgramFacts program;
    private final ThreadEntries entries;
    private final FieldFacts fields;
    private final Map<String, Boolean> owned = new HashMap<>();
    private final Map<String, Boolean> runOnly = new HashMap<>();
    private final Map<String, Boolean> fieldsHoldingRunValues = new HashMap<>();
    private final Set<String> inProgress = new HashSet<>();

    PerRunObjects(ProgramFacts program, ThreadEntries entries, FieldFacts fields) {
        this.program = program;
        this.entries = entries;
        this.fields = fields;
    }

    /** True when the object at {@code path} in {@code method}, on the thread of {@code entry}, is that run's own. */
    boolean isOwnedByRun(ThreadEntries.Entry entry, MethodDescriptor method, AccessPath path) {
        return path != null && owned(entry, method, path, 0);
    }

    private boolean owned(ThreadEntries.Entry entry, MethodDescriptor method, AccessPath path, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        String key = entry.method() + "|" + method + "|" + path;
        Boolean known = owned.get(key);
        if (known != null) {
            return known;
        }
        if (!inProgress.add(key)) {
            return false;
        }
        boolean answer;
        try {
            answer = computeOwned(entry, method, path, depth);
        } finally {
            inProgress.remove(key);
        }
        owned.put(key, answer);
        return answer;
    }

    private boolean computeOwned(ThreadEntries.Entry entry, MethodDescriptor method, AccessPath path, int depth) {
        switch (path.kind()) {
            case FRESH:
                return true;
            case RESULT:
                if (isFreshResult(method, path.index())) {
                    return true;
                }
                int p = parameterReturnedAt(method, path.index());
                return p >= 0 && owned(entry, method, AccessPath.parameter(p), depth + 1);
            case THIS:
                if (method.equals(entry.method())) {
                    return eachRunHasItsOwnObject(entry) && program.callersOf(method).isEmpty();
                }
                return everyCallOnTheEntryPasses(entry, method, -1, depth);
            case PARAMETER:
                return everyCallOnTheEntryPasses(entry, method, path.index(), depth);
            case FIELD:
                XField field = fieldOf(path);
                return field != null && owned(entry, method, path.base(), depth + 1)
                        && holdsOnlyRunValues(entry, field, depth + 1);
            default:
                return false;
        }
    }

    /**
     * True when every call of {@code method} that the entry's thread runs passes the run's own object as the receiver
     * ({@code argument} -1) or as that argument; false when there is none.
     */
    private boolean everyCallOnTheEntryPasses(ThreadEntries.Entry entry, MethodDescriptor method, int argument, int depth) {
        boolean any = false;
        for (ProgramFacts.Caller c : program.callersOf(method)) {
            if (!entries.entriesReaching(c.caller()).contains(entry.method())) {
                continue; // another thread's call: not this entry's run
            }
            AccessPath passed = passedAt(c.site(), argument);
            if (c.site().via() != null || passed == null || !owned(entry, c.caller(), passed, depth + 1)) {
                return false;
            }
            any = true;
        }
        return any;
    }

    private static AccessPath passedAt(CallFacts.CallSite site, int argument) {
        if (argument < 0) {
            return site.receiver();
        }
        AccessPath[] args = site.arguments();
        return argument < args.length ? args[argument] : null;
    }

    /** True when every analysed write of {@code field} stores the run's own allocation or null, on the run's objects. */
    private boolean holdsOnlyRunValues(ThreadEntries.Entry entry, XField field, int depth) {
        String key = entry.method() + "|" + field;
        Boolean known = fieldsHoldingRunValues.get(key);
        if (known != null) {
            return known;
        }
        if (!inProgress.add(key)) {
            return false;
        }
        boolean answer = true;
        try {
            for (FieldFacts.Use use : fields.usesOf(field)) {
                FieldAccesses.Access w = use.access();
                if (!w.isWrite()) {
                    continue;
                }
                boolean onRunObject = w.isInConstructor() || owned(entry, use.method(), w.base(), depth + 1);
                if (!onRunObject || !storesRunValue(entry, use.method(), w.stored(), w.pc(), depth + 1)) {
                    answer = false;
                    break;
                }
            }
        } finally {
            inProgress.remove(key);
        }
        fieldsHoldingRunValues.put(key, answer);
        return answer;
    }

    /**
     * True when the value stored at {@code pc} of {@code writer} (its path {@code stored}) is an allocation of the
     * entry's run or null, and {@code writer} runs only on the entry's thread.
     */
    private boolean storesRunValue(ThreadEntries.Entry entry, MethodDescriptor writer, AccessPath stored, int pc, int depth) {
        if (depth > MAX_DEPTH || !onlyTheEntryRuns(entry, writer, 0)) {
            return false;
        }
        if (pushesNullRightBefore(writer, pc)) {
            return true;
        }
        if (stored == null) {
            return false;
        }
        switch (stored.kind()) {
            case FRESH:
                return true;
            case RESULT:
                if (isFreshResult(writer, stored.index())) {
                    return true;
                }
                int p = parameterReturnedAt(writer, stored.index());
                return p >= 0 && storesRunValue(entry, writer, AccessPath.parameter(p), -1, depth + 1);
            case PARAMETER:
                List<ProgramFacts.Caller> callers = program.callersOf(writer);
                if (callers.isEmpty()) {
                    return false;
                }
                for (ProgramFacts.Caller c : callers) {
                    AccessPath passed = passedAt(c.site(), stored.index());
                    boolean lastArgument = stored.index() == c.site().arguments().length - 1;
                    if (c.site().via() != null || !storesRunValue(entry, c.caller(), passed,
                            lastArgument ? c.site().pc() : -1, depth + 1)) {
                        return false;
                    }
                }
                return true;
            default:
                return false;
        }
    }

    /**
     * True when only the entry's thread runs {@code method}: it is the entry, or no other entry reaches it and every
     * analysed call of it is in such code (outside callers are not counted: the closed world).
     */
    private boolean onlyTheEntryRuns(ThreadEntries.Entry entry, MethodDescriptor method, int depth) {
        if (method.equals(entry.method())) {
            return true;
        }
        String key = entry.method() + "|" + method;
        Boolean known = runOnly.get(key);
        if (known != null) {
            return known;
        }
        if (depth > MAX_DEPTH || !inProgress.add("run|" + key)) {
            return false;
        }
        boolean answer;
        try {
            answer = entries.entriesReaching(method).equals(Set.of(entry.method()))
                    && entries.entry(method) == null && callersAllOnTheEntry(entry, method, depth);
        } finally {
            inProgress.remove("run|" + key);
        }
        runOnly.put(key, answer);
        return answer;
    }

    private boolean callersAllOnTheEntry(ThreadEntries.Entry entry, MethodDescriptor method, int depth) {
        List<ProgramFacts.Caller> callers = program.callersOf(method);
        if (callers.isEmpty()) {
            return false;
        }
        for (ProgramFacts.Caller c : callers) {
            if (!onlyTheEntryRuns(entry, c.caller(), depth + 1)) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when every hand-off of the entry gives it an object made there ({@code new Peer()} of a thread subclass,
     * {@code new Thread(new Session(socket))}), a different allocation at each site.
     */
    static boolean eachRunHasItsOwnObject(ThreadEntries.Entry entry) {
        Set<String> allocations = new HashSet<>();
        for (ProgramFacts.HandoffSite site : entry.sites()) {
            AccessPath task = site.handoff().task();
            if (task == null || task.kind() != AccessPath.Kind.FRESH || !allocations.add(site.creator() + "@" + task.index())) {
                return false;
            }
        }
        return !allocations.isEmpty();
    }

    private XField fieldOf(AccessPath path) {
        String owner = path.owner() == null ? null : path.owner().replace('/', '.');
        return owner == null ? null : fields.fieldNamed(owner + '.' + path.name());
    }

    private static boolean isFreshResult(MethodDescriptor caller, int pc) {
        return GridlockAnalysis.current().valueFacts().isFreshResult(caller, pc);
    }

    /**
     * True when the instruction right before {@code pc} of {@code method} pushes {@code null}: the value a
     * {@code putfield} at {@code pc} stores, or the last argument of a call at {@code pc} ({@code setFollower(null)}).
     */
    private static boolean pushesNullRightBefore(MethodDescriptor method, int pc) {
        if (pc <= 0) {
            return false;
        }
        Code code = codeOf(method);
        if (code == null) {
            return false;
        }
        InstructionList list = new InstructionList(code.getCode());
        InstructionHandle at = list.findHandle(pc);
        InstructionHandle before = at == null ? null : at.getPrev();
        return before != null && before.getInstruction() instanceof ACONST_NULL;
    }

    /**
     * The parameter that the call at {@code pc} of {@code method} returns itself, or -1: a static call with a
     * {@link ConcurrencyApi.Effect#RETURNS_ARGUMENT} row ({@code Objects.requireNonNull(zk)}, {@code
     * requireNonNull(zk, "zk")}) whose first argument is loaded from a parameter's local that the method never
     * stores to; the other arguments, if any, each pushed by one instruction of their own (a constant, a load).
     */
    private static int parameterReturnedAt(MethodDescriptor method, int pc) {
        Code code = codeOf(method);
        if (code == null) {
            return -1;
        }
        InstructionList list = new InstructionList(code.getCode());
        InstructionHandle at = list.findHandle(pc);
        if (at == null || !(at.getInstruction() instanceof INVOKESTATIC)) {
            return -1;
        }
        String[] call = calledMethod(method, (INVOKESTATIC) at.getInstruction());
        if (call == null || !ConcurrencyApi.returnsFirstArgument(call[0], call[1], call[2])) {
            return -1;
        }
        int arguments = Type.getArgumentTypes(call[2]).length;
        InstructionHandle first = at;
        for (int i = 0; i < arguments && first != null; i++) {
            first = first.getPrev();
            if (first != null && i < arguments - 1 && !isSinglePush(first.getInstruction())) {
                return -1;
            }
        }
        if (first == null || !(first.getInstruction() instanceof ALOAD)) {
            return -1;
        }
        int slot = ((ALOAD) first.getInstruction()).getIndex();
        for (InstructionHandle h = list.getStart(); h != null; h = h.getNext()) {
            if (h.getInstruction() instanceof StoreInstruction && ((StoreInstruction) h.getInstruction()).getIndex() == slot) {
                return -1;
            }
        }
        return parameterOfSlot(method, slot);
    }

    private static boolean isSinglePush(Instruction ins) {
        return ins instanceof ALOAD || ins instanceof ACONST_NULL || ins instanceof LDC || ins instanceof GETSTATIC;
    }

    /** The parameter (0-based, {@code this} not counted) held in local {@code slot} on entry, or -1. */
    private static int parameterOfSlot(MethodDescriptor method, int slot) {
        int s = method.isStatic() ? 0 : 1;
        Type[] params = Type.getArgumentTypes(method.getSignature());
        for (int i = 0; i < params.length; i++) {
            if (s == slot) {
                return params[i] instanceof ReferenceType ? i : -1;
            }
            s += params[i].getSize();
        }
        return -1;
    }

    /** Owner (dotted), name and descriptor of the method a call names, from the class's constant pool; null if unreadable. */
    private static String[] calledMethod(MethodDescriptor method, INVOKESTATIC call) {
        JavaClass jc = ClassFiles.load(method.getClassDescriptor().getDottedClassName());
        if (jc == null) {
            return null;
        }
        ConstantPoolGen cpg = ClassFiles.readOnlyPool(jc);
        return new String[] {call.getClassName(cpg), call.getMethodName(cpg), call.getSignature(cpg)};
    }

    /** The code of {@code md}; null when its class cannot be read (failure recorded) or it has none. */
    private static Code codeOf(MethodDescriptor md) {
        JavaClass jc = ClassFiles.load(md.getClassDescriptor().getDottedClassName());
        Method m = jc == null ? null : ClassFiles.method(jc, md.getName(), md.getSignature());
        return m == null ? null : m.getCode();
    }
}
