package io.github.gridlock.detectors.completion;

import edu.umd.cs.findbugs.ba.BasicBlock;
import edu.umd.cs.findbugs.ba.CFG;
import edu.umd.cs.findbugs.ba.Edge;
import edu.umd.cs.findbugs.ba.Location;
import org.apache.bcel.generic.ALOAD;
import org.apache.bcel.generic.ASTORE;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.Iterator;

/** Where a value stored in a local goes: is the local read again before it is overwritten. */
final class LocalFlow {
    private LocalFlow() {
    }

    /** True when some path from just after {@code store} loads local {@code slot} before storing to it again. */
    static boolean readAfter(CFG cfg, Location store, int slot) {
        Boolean inBlock = scan(store.getBasicBlock(), store.getHandle(), slot);
        if (inBlock != null) {
            return inBlock;
        }
        BitSet seen = new BitSet();
        Deque<BasicBlock> work = new ArrayDeque<>();
        successors(cfg, store.getBasicBlock(), seen, work);
        while (!work.isEmpty()) {
            BasicBlock b = work.poll();
            Boolean found = scan(b, null, slot);
            if (found != null) {
                if (found) {
                    return true;
                }
                continue;
            }
            successors(cfg, b, seen, work);
        }
        return false;
    }

    /** TRUE: a load of the slot first; FALSE: a store to it first; null: neither in the block (after {@code from}). */
    private static Boolean scan(BasicBlock block, InstructionHandle from, int slot) {
        boolean started = from == null;
        for (Iterator<InstructionHandle> i = block.instructionIterator(); i.hasNext();) {
            InstructionHandle h = i.next();
            if (!started) {
                started = h == from;
                continue;
            }
            Instruction ins = h.getInstruction();
            if (ins instanceof ALOAD && ((ALOAD) ins).getIndex() == slot) {
                return Boolean.TRUE;
            }
            if (ins instanceof ASTORE && ((ASTORE) ins).getIndex() == slot) {
                return Boolean.FALSE;
            }
        }
        return null;
    }

    private static void successors(CFG cfg, BasicBlock b, BitSet seen, Deque<BasicBlock> work) {
        for (Iterator<Edge> i = cfg.outgoingEdgeIterator(b); i.hasNext();) {
            BasicBlock t = i.next().getTarget();
            if (!seen.get(t.getLabel())) {
                seen.set(t.getLabel());
                work.add(t);
            }
        }
    }
}
