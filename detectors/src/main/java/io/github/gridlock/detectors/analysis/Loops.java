package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.BasicBlock;
import edu.umd.cs.findbugs.ba.CFG;
import edu.umd.cs.findbugs.ba.Edge;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/** Which basic blocks of a CFG lie on a cycle (a loop, a retry through a handler): Tarjan's SCCs, iteratively. */
final class Loops {
    private Loops() {
    }

    static BitSet blocksOnCycles(CFG cfg) {
        int[] component = cycleComponents(cfg);
        BitSet result = new BitSet(component.length);
        for (int i = 0; i < component.length; i++) {
            if (component[i] >= 0) {
                result.set(i);
            }
        }
        return result;
    }

    /**
     * Per block label, the cycle (strongly connected component with a cycle: a loop and the loops nested in it) the
     * block lies on, numbered from 0; -1 for blocks on no cycle.
     */
    static int[] cycleComponents(CFG cfg) {
        int n = cfg.getNumVertexLabels();
        int[] index = new int[n];
        int[] low = new int[n];
        java.util.Arrays.fill(index, -1);
        BitSet onStack = new BitSet(n);
        int[] result = new int[n];
        java.util.Arrays.fill(result, -1);
        Deque<BasicBlock> stack = new ArrayDeque<>();
        int[] counter = {0, 0};
        for (Iterator<BasicBlock> i = cfg.blockIterator(); i.hasNext();) {
            BasicBlock b = i.next();
            if (index[b.getLabel()] < 0) {
                strongConnect(cfg, b, index, low, onStack, stack, result, counter);
            }
        }
        return result;
    }

    /**
     * True when a conditional jump on the loop (component) {@code c} of {@code block} re-tests something before the
     * block runs again: one side of the jump cannot reach the block without passing the jump again (the side that
     * leaves a {@code while}, the {@code break} of a {@code while (true)}, or the side of an inner {@code while}
     * that goes on with the outer loop). An {@code if} whose both sides rejoin before the block re-tests nothing.
     */
    static boolean retestsBefore(CFG cfg, int[] component, BasicBlock block) {
        int c = component[block.getLabel()];
        if (c < 0) {
            return false;
        }
        for (Iterator<BasicBlock> i = cfg.blockIterator(); i.hasNext();) {
            BasicBlock jump = i.next();
            org.apache.bcel.generic.InstructionHandle last = jump.getLastInstruction();
            if (component[jump.getLabel()] != c || last == null
                    || !(last.getInstruction() instanceof org.apache.bcel.generic.IfInstruction)) {
                continue;
            }
            for (Iterator<Edge> out = cfg.outgoingEdgeIterator(jump); out.hasNext();) {
                Edge e = out.next();
                if (!e.isExceptionEdge() && !reachesAvoiding(cfg, e.getTarget(), block, jump)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean reachesAvoiding(CFG cfg, BasicBlock from, BasicBlock target, BasicBlock avoided) {
        BitSet seen = new BitSet();
        Deque<BasicBlock> work = new ArrayDeque<>();
        work.push(from);
        while (!work.isEmpty()) {
            BasicBlock b = work.pop();
            if (b.getLabel() == target.getLabel()) {
                return true;
            }
            if (b.getLabel() == avoided.getLabel() || seen.get(b.getLabel())) {
                continue;
            }
            seen.set(b.getLabel());
            for (Iterator<Edge> i = cfg.outgoingEdgeIterator(b); i.hasNext();) {
                work.push(i.next().getTarget());
            }
        }
        return false;
    }

    private static void strongConnect(CFG cfg, BasicBlock root, int[] index, int[] low, BitSet onStack,
            Deque<BasicBlock> stack, int[] result, int[] counter) {
        Deque<Object[]> work = new ArrayDeque<>();
        BitSet selfLoop = new BitSet();
        visit(root, index, low, onStack, stack, counter);
        work.push(new Object[] {root, cfg.outgoingEdgeIterator(root)});
        while (!work.isEmpty()) {
            Object[] frame = work.peek();
            BasicBlock v = (BasicBlock) frame[0];
            @SuppressWarnings("unchecked")
            Iterator<Edge> edges = (Iterator<Edge>) frame[1];
            if (edges.hasNext()) {
                BasicBlock w = edges.next().getTarget();
                if (w.getLabel() == v.getLabel()) {
                    selfLoop.set(v.getLabel());
                } else if (index[w.getLabel()] < 0) {
                    visit(w, index, low, onStack, stack, counter);
                    work.push(new Object[] {w, cfg.outgoingEdgeIterator(w)});
                } else if (onStack.get(w.getLabel())) {
                    low[v.getLabel()] = Math.min(low[v.getLabel()], index[w.getLabel()]);
                }
                continue;
            }
            work.pop();
            if (!work.isEmpty()) {
                BasicBlock parent = (BasicBlock) work.peek()[0];
                low[parent.getLabel()] = Math.min(low[parent.getLabel()], low[v.getLabel()]);
            }
            if (low[v.getLabel()] == index[v.getLabel()]) {
                List<BasicBlock> component = new ArrayList<>();
                BasicBlock w;
                do {
                    w = stack.pop();
                    onStack.clear(w.getLabel());
                    component.add(w);
                } while (w.getLabel() != v.getLabel());
                if (component.size() > 1 || selfLoop.get(v.getLabel())) {
                    for (BasicBlock b : component) {
                        result[b.getLabel()] = counter[1];
                    }
                    counter[1]++;
                }
            }
        }
    }

    private static void visit(BasicBlock b, int[] index, int[] low, BitSet onStack, Deque<BasicBlock> stack, int[] counter) {
        index[b.getLabel()] = counter[0];
        low[b.getLabel()] = counter[0];
        counter[0]++;
        stack.push(b);
        onStack.set(b.getLabel());
    }
}
