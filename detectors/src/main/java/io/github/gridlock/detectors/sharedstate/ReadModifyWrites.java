package io.github.gridlock.detectors.sharedstate;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.BasicBlock;
import edu.umd.cs.findbugs.ba.CFG;
import edu.umd.cs.findbugs.ba.Dataflow;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.DepthFirstSearch;
import edu.umd.cs.findbugs.ba.Edge;
import edu.umd.cs.findbugs.ba.Hierarchy;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.XField;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.BlockingFacts;
import io.github.gridlock.detectors.analysis.CallFacts;
import io.github.gridlock.detectors.analysis.FieldAccesses;
import io.github.gridlock.detectors.analysis.HeldLock;
import io.github.gridlock.detectors.analysis.LockId;
import io.github.gridlock.detectors.analysis.MethodFacts;
import io.github.gridlock.detectors.analysis.MethodNames;
import io.github.gridlock.detectors.analysis.MethodSummary;
import io.github.gridlock.detectors.analysis.Step;
import io.github.gridlock.detectors.analysis.SummaryPart;
import org.apache.bcel.Const;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.IfInstruction;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The family's summary part: every read-modify-write of a field in a method's own code. A write whose value is
 * computed from a read of the same field on the same object (directly, through a local, or through a getter or a
 * setter of an analysed class), or a write made only when a comparison of such a read held ({@code if (t > seen)
 * last = t}). Each site knows the locks held on every path from its read to its write ("spanning" locks: the same
 * acquisition at both) and whether a blocking call sits between them. Whether another thread can interleave is
 * decided later, over the whole program ({@link Races}).
 */
final class ReadModifyWrites {
    static final SummaryPart<ReadModifyWrites> PART = new SummaryPart<>() {
        @Override
        public Builder<ReadModifyWrites> builder(MethodFacts facts) {
            return new RmwBuilder(facts);
        }

        @Override
        public ReadModifyWrites empty() {
            return EMPTY;
        }
    };
    static final ReadModifyWrites EMPTY = new ReadModifyWrites(List.of());

    /** How a site reads and writes. */
    enum Shape {
        /** {@code x++}, {@code x += n}, {@code x = x * 2}: one statement, one read, one write. */
        COUNTER,
        /** A read, then a write computed from it in a later statement, or through a getter and a setter. */
        SPLIT,
        /** A read, a comparison of it, and a write made only when it held ({@code if (t > max) max = t}). */
        CONDITIONAL
    }

    /** One read-modify-write of a field. */
    static final class Site {
        final XField field;
        final Shape shape;
        final AccessPath base;
        final int readPc;
        final int readLine;
        final int writePc;
        final int writeLine;
        final boolean viaGetter;
        final boolean viaSetter;
        /** Locks held on every path from the read to the write, the same acquisition at both (this method's terms). */
        final List<LockId> spanning;
        /** Locks held on every path at the write (this method's terms). */
        final List<LockId> heldAtWrite;
        /** What blocks between the read and the write, or null. */
        final String blockingBetween;
        final boolean inConstructor;
        /**
         * A lock is held at the read or the write on some paths only (or with different hold counts on different
         * paths): whether the site is locked is not known, so it is taken to be.
         */
        final boolean maybeLocked;

        Site(XField field, Shape shape, AccessPath base, int readPc, int readLine, int writePc, int writeLine,
                boolean viaGetter, boolean viaSetter, List<LockId> spanning, List<LockId> heldAtWrite, String blockingBetween,
                boolean inConstructor, boolean maybeLocked) {
            this.field = field;
            this.shape = shape;
            this.base = base;
            this.readPc = readPc;
            this.readLine = readLine;
            this.writePc = writePc;
            this.writeLine = writeLine;
            this.viaGetter = viaGetter;
            this.viaSetter = viaSetter;
            this.spanning = spanning;
            this.heldAtWrite = heldAtWrite;
            this.blockingBetween = blockingBetween;
            this.inConstructor = inConstructor;
            this.maybeLocked = maybeLocked;
        }
    }

    private final List<Site> sites;

    private ReadModifyWrites(List<Site> sites) {
        this.sites = List.copyOf(sites);
    }

    List<Site> sites() {
        return sites;
    }

    /** A write of a field in this method's code, directly or through a setter. */
    private static final class Write {
        final XField field;
        final AccessPath base;
        final Location location;
        final int line;
        final List<HeldLock> held;
        final boolean viaSetter;
        final int valueSize;

        Write(XField field, AccessPath base, Location location, int line, List<HeldLock> held, boolean viaSetter, int valueSize) {
            this.field = field;
            this.base = base;
            this.location = location;
            this.line = line;
            this.held = held;
            this.viaSetter = viaSetter;
            this.valueSize = valueSize;
        }
    }

    private static final class RmwBuilder implements SummaryPart.Builder<ReadModifyWrites> {
        private final MethodFacts facts;
        private final boolean constructor;
        private final Map<Integer, ValueOrigins.FieldRead> reads = new HashMap<>();
        private final Map<Integer, ValueOrigins.GetterCall> getters = new HashMap<>();
        private final Map<Integer, List<HeldLock>> heldAt = new HashMap<>();
        private final Map<Integer, Integer> lineAt = new HashMap<>();
        private final TreeMap<Integer, String> blocking = new TreeMap<>();
        private final List<Location> relationalBranches = new ArrayList<>();
        private final List<Location> allBranches = new ArrayList<>();
        private final List<Write> writes = new ArrayList<>();
        private final Map<Integer, List<CallFacts.CallSite>> callsAt = new HashMap<>();
        private MethodSummary own;

        RmwBuilder(MethodFacts facts) {
            this.facts = facts;
            this.constructor = "<init>".equals(facts.method().getName()) || "<clinit>".equals(facts.method().getName());
        }

        @Override
        public void visit(Step step) throws DataflowAnalysisException {
            short op = step.opcode();
            if (op == Const.GETFIELD || op == Const.GETSTATIC || op == Const.PUTFIELD || op == Const.PUTSTATIC) {
                fieldAccess(step, op);
            } else if (step.instruction() instanceof IfInstruction) {
                allBranches.add(step.location());
                if (isRelational(op)) {
                    relationalBranches.add(step.location());
                }
            } else if (step.call() != null) {
                call(step);
            }
        }

        private void fieldAccess(Step step, short op) throws DataflowAnalysisException {
            FieldInstruction ins = (FieldInstruction) step.instruction();
            XField field = Hierarchy.findXField(ins, step.cpg());
            AnalysisContext context = AnalysisContext.currentAnalysisContext();
            if (field == null || context == null || !context.isApplicationClass(field.getClassDescriptor())) {
                return;
            }
            boolean isStatic = op == Const.GETSTATIC || op == Const.PUTSTATIC;
            boolean write = op == Const.PUTFIELD || op == Const.PUTSTATIC;
            int size = ins.getType(step.cpg()).getSize();
            AccessPath base = isStatic ? null : step.frame().getStackValue(write ? size : 0);
            remember(step);
            if (write) {
                writes.add(new Write(field, base, step.location(), step.line(), step.held().locks(), false, size));
            } else {
                reads.put(step.pc(), new ValueOrigins.FieldRead(field, base));
            }
        }

        private void call(Step step) {
            ownSummary(step);
            for (CallFacts.CallSite c : callsAt.getOrDefault(step.pc(), List.of())) {
                MethodSummary callee = step.summaryOf(c.callee());
                FieldAccesses.Access only = onlyAccess(callee);
                if (only == null) {
                    continue;
                }
                AccessPath base = only.base() == null ? null : c.invocation().map(only.base());
                String sig = c.callee().getSignature();
                if (!only.isWrite() && !sig.endsWith(")V")) {
                    remember(step);
                    getters.put(step.pc(), new ValueOrigins.GetterCall(only.field(), base));
                } else if (only.isWrite() && sig.endsWith(")V") && argumentCount(sig) == 1) {
                    remember(step);
                    int size = sig.startsWith("(J") || sig.startsWith("(D") ? 2 : 1;
                    writes.add(new Write(only.field(), base, step.location(), step.line(), step.held().locks(), true, size));
                }
            }
        }

        /**
         * The method's own layer summary, read once: its direct single-target calls by offset, and where it blocks
         * (its own blocking calls, and calls of analysed methods that block).
         */
        private MethodSummary ownSummary(Step step) {
            if (own == null) {
                own = step.summaryOf(facts.descriptor());
                for (CallFacts.CallSite c : own.calls()) {
                    if (c.isMonomorphic() && c.via() == null) {
                        callsAt.computeIfAbsent(c.pc(), k -> new ArrayList<>()).add(c);
                    }
                }
                for (BlockingFacts.BlockingCall b : own.blockingCalls()) {
                    blocking.put(b.pc(), b.api().why());
                }
                for (BlockingFacts.BlockingCallSite b : own.blockingFacts().callSites()) {
                    if (b.chain() != null) {
                        blocking.putIfAbsent(b.pc(), "calls " + MethodNames.describe(b.call().target()) + ", which "
                                + b.chain().api().why());
                    }
                }
            }
            return own;
        }

        /** The one field access of a trivial accessor (no calls, one access of a field of {@code this} or a static one). */
        private static FieldAccesses.Access onlyAccess(MethodSummary callee) {
            List<FieldAccesses.Access> accesses = callee.fieldAccesses().accesses();
            if (accesses.size() != 1 || !callee.calls().isEmpty()) {
                return null;
            }
            FieldAccesses.Access a = accesses.get(0);
            return a.base() == null || a.base().kind() == AccessPath.Kind.THIS ? a : null;
        }

        private static int argumentCount(String sig) {
            return org.apache.bcel.generic.Type.getArgumentTypes(sig).length;
        }

        private void remember(Step step) {
            heldAt.put(step.pc(), step.held().locks());
            lineAt.put(step.pc(), step.line());
        }

        private static boolean isRelational(short op) {
            switch (op) {
                case Const.IFLT:
                case Const.IFGE:
                case Const.IFGT:
                case Const.IFLE:
                case Const.IF_ICMPLT:
                case Const.IF_ICMPGE:
                case Const.IF_ICMPGT:
                case Const.IF_ICMPLE:
                    return true;
                default:
                    return false;
            }
        }

        @Override
        public ReadModifyWrites build() {
            if (writes.isEmpty() || reads.isEmpty() && getters.isEmpty()) {
                return EMPTY;
            }
            try {
                return new ReadModifyWrites(sites());
            } catch (DataflowAnalysisException e) {
                throw new IllegalStateException("value origins of " + facts.descriptor(), e);
            }
        }

        private List<Site> sites() throws DataflowAnalysisException {
            CFG cfg = facts.cfg();
            DepthFirstSearch dfs = new DepthFirstSearch(cfg);
            dfs.search();
            ValueOrigins analysis = new ValueOrigins(facts.methodGen(), dfs, reads, getters);
            Dataflow<ValueOrigins.OriginFrame, ValueOrigins> origins = new Dataflow<>(cfg, analysis);
            origins.execute();
            List<Site> out = new ArrayList<>();
            for (Write w : writes) {
                ValueOrigins.OriginFrame frame = origins.getFactAtLocation(w.location);
                if (!frame.isValid() || frame.getStackDepth() < w.valueSize) {
                    continue;
                }
                Site site = fromValue(w, frame.getStackValue(0));
                if (site == null) {
                    site = conditional(w, origins);
                }
                if (site != null) {
                    out.add(site);
                }
            }
            return out;
        }

        /**
         * A write of a value computed from a read of the same field on the same object. A write of the read value as
         * it is (a save and restore around a call, {@code v = f; if (v == null) v = create(); ... f = v}) computes
         * nothing from it: no read-modify-write.
         */
        private Site fromValue(Write w, ValueOrigins.Origins value) {
            ValueOrigins.Read best = null;
            for (ValueOrigins.Read r : value.reads) {
                if (r.changed && r.field.equals(w.field) && sameObject(r.base, w.base) && (best == null || r.pc > best.pc)) {
                    best = r;
                }
            }
            if (best == null) {
                return null;
            }
            int writePc = w.location.getHandle().getPosition();
            boolean oneStatement = !best.viaLocal && !best.viaGetter && !w.viaSetter && lineAt.get(best.pc) == w.line;
            return site(w, best.pc, oneStatement ? Shape.COUNTER : Shape.SPLIT, best.viaGetter, writePc);
        }

        /** A write made on a branch of a comparison ({@code <}, {@code >}, ...) of a read of the same field. */
        private Site conditional(Write w, Dataflow<ValueOrigins.OriginFrame, ValueOrigins> origins)
                throws DataflowAnalysisException {
            int writePc = w.location.getHandle().getPosition();
            for (Location branch : relationalBranches) {
                int branchPc = branch.getHandle().getPosition();
                if (branchPc >= writePc) {
                    continue;
                }
                ValueOrigins.OriginFrame frame = origins.getFactAtLocation(branch);
                if (!frame.isValid()) {
                    continue;
                }
                int operands = branch.getHandle().getInstruction().consumeStack(facts.methodGen().getConstantPool());
                for (int slot = 0; slot < operands && slot < frame.getStackDepth(); slot++) {
                    for (ValueOrigins.Read r : frame.getStackValue(slot).reads) {
                        if (r.field.equals(w.field) && sameObject(r.base, w.base) && r.pc < branchPc
                                && controls(branch.getBasicBlock(), w.location.getBasicBlock())) {
                            Site found = site(w, r.pc, Shape.CONDITIONAL, r.viaGetter, writePc);
                            found.spanning.addAll(recheckedUnder(w, origins, writePc, found.spanning));
                            return found;
                        }
                    }
                }
            }
            return null;
        }

        /**
         * Double-checked locking: the locks held at the write under which the field is read again and compared
         * ({@code ==} too) before the write, on a branch that decides whether it happens. The first read only
         * decided whether to take the lock; the re-read under it is the one the write depends on, so the lock spans
         * the read-modify-write.
         */
        private List<LockId> recheckedUnder(Write w, Dataflow<ValueOrigins.OriginFrame, ValueOrigins> origins, int writePc,
                List<LockId> already) throws DataflowAnalysisException {
            List<LockId> out = new ArrayList<>();
            for (Location branch : allBranches) {
                int branchPc = branch.getHandle().getPosition();
                ValueOrigins.OriginFrame frame = origins.getFactAtLocation(branch);
                if (branchPc >= writePc || !frame.isValid() || !controls(branch.getBasicBlock(), w.location.getBasicBlock())) {
                    continue;
                }
                int operands = branch.getHandle().getInstruction().consumeStack(facts.methodGen().getConstantPool());
                for (int slot = 0; slot < operands && slot < frame.getStackDepth(); slot++) {
                    for (ValueOrigins.Read r : frame.getStackValue(slot).reads) {
                        if (r.field.equals(w.field) && sameObject(r.base, w.base) && r.pc < branchPc) {
                            for (LockId l : sameAcquisition(heldAt.getOrDefault(r.pc, List.of()), w.held)) {
                                if (!already.contains(l) && !out.contains(l)) {
                                    out.add(l);
                                }
                            }
                        }
                    }
                }
            }
            return out;
        }

        /** Locks held on every path at both, by the same acquisition. */
        private static List<LockId> sameAcquisition(List<HeldLock> atRead, List<HeldLock> atWrite) {
            List<LockId> out = new ArrayList<>();
            for (HeldLock h : atWrite) {
                for (HeldLock r : atRead) {
                    if (!h.isOnSomePathsOnly() && !r.isOnSomePathsOnly() && r.lock().equals(h.lock())
                            && r.acquirePc() == h.acquirePc()) {
                        out.add(h.lock());
                        break;
                    }
                }
            }
            return out;
        }

        /**
         * The first blocking call between the read and the write in code order. A value read late in a loop body
         * and written back early in the next iteration has its read after its write: no call lies "between" them
         * on one straight path, so none is named.
         */
        private String blockingBetween(int readPc, int writePc) {
            if (readPc >= writePc) {
                return null;
            }
            Map.Entry<Integer, String> first = blocking.subMap(readPc, false, writePc, false).firstEntry();
            return first == null ? null : first.getValue();
        }

        private Site site(Write w, int readPc, Shape shape, boolean viaGetter, int writePc) {
            List<HeldLock> atRead = heldAt.getOrDefault(readPc, List.of());
            List<LockId> spanning = new ArrayList<>();
            List<LockId> atWrite = new ArrayList<>();
            boolean maybeLocked = atRead.stream().anyMatch(HeldLock::isOnSomePathsOnly);
            for (HeldLock h : w.held) {
                if (h.isOnSomePathsOnly()) {
                    maybeLocked = true;
                    continue;
                }
                atWrite.add(h.lock());
                for (HeldLock r : atRead) {
                    if (!r.isOnSomePathsOnly() && r.lock().equals(h.lock()) && r.acquirePc() == h.acquirePc()) {
                        spanning.add(h.lock());
                        break;
                    }
                }
            }
            String blocks = blockingBetween(readPc, writePc);
            boolean early = constructor && (w.base == null || w.base.kind() == AccessPath.Kind.THIS);
            return new Site(w.field, shape, w.base, readPc, lineAt.getOrDefault(readPc, -1), writePc, w.line, viaGetter,
                    w.viaSetter, spanning, atWrite, blocks, early, maybeLocked);
        }

        /** Static fields, or the same stable object. */
        private static boolean sameObject(AccessPath a, AccessPath b) {
            if (a == null || b == null) {
                return a == null && b == null;
            }
            return a.equals(b) && a.isStable();
        }

        /**
         * True when {@code target} runs only on some of the paths leaving {@code branch}: it is reachable from the
         * branch, and the method can end from the branch without passing it (normal edges only).
         */
        private boolean controls(BasicBlock branch, BasicBlock target) {
            return reaches(branch, target, null) && reachesExitAvoiding(branch, target);
        }

        private boolean reaches(BasicBlock from, BasicBlock to, BasicBlock avoid) {
            CFG cfg = facts.cfg();
            BitSet seen = new BitSet();
            Deque<BasicBlock> work = new ArrayDeque<>();
            work.add(from);
            seen.set(from.getLabel());
            while (!work.isEmpty()) {
                BasicBlock b = work.poll();
                for (Iterator<Edge> i = cfg.outgoingEdgeIterator(b); i.hasNext();) {
                    Edge e = i.next();
                    if (e.isExceptionEdge()) {
                        continue;
                    }
                    BasicBlock t = e.getTarget();
                    if (t == to) {
                        return true;
                    }
                    if (t != avoid && !seen.get(t.getLabel())) {
                        seen.set(t.getLabel());
                        work.add(t);
                    }
                }
            }
            return false;
        }

        private boolean reachesExitAvoiding(BasicBlock branch, BasicBlock avoid) {
            return reaches(branch, facts.cfg().getExit(), avoid);
        }
    }
}
