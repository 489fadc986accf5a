package io.github.gridlock.detectors.lockorder;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;

/**
 * Elementary cycles of a directed graph on nodes {@code 0..n-1}, each found once (rotated so that
 * its smallest node comes first), with bounds that keep a dense graph from blowing up: cycles
 * longer than {@code maxLength} are not searched, and the search of one strongly connected component
 * stops after {@code maxCycles} cycles or {@code maxSteps} search steps. The bounds are per component
 * so that one dense knot of locks (a database engine's) cannot starve the search of the others; all
 * components together get at most {@link #TOTAL_STEPS_FACTOR} times {@code maxSteps}.
 *
 * <p>First the strongly connected components (Tarjan, iterative: deep graphs must not overflow the
 * stack); then, within each component, a depth-first search from each node {@code s} over the
 * component's nodes greater than {@code s}, which finds each cycle exactly once, from its smallest node.
 * Work is linear in nodes plus edges outside of non-trivial components.
 */
public final class CycleFinder {
    private final int[][] successors;
    private final int maxLength;
    private final int maxCycles;
    private final long maxSteps;
    /** All components together search at most this many times {@code maxSteps}. */
    static final int TOTAL_STEPS_FACTOR = 10;
    private long steps;
    private long totalSteps;
    private int found;
    private final BitSet truncatedComponents = new BitSet();
    private boolean outOfTotal;

    public CycleFinder(int[][] successors, int maxLength, int maxCycles, long maxSteps) {
        this.successors = successors;
        this.maxLength = maxLength;
        this.maxCycles = maxCycles;
        this.maxSteps = maxSteps;
    }

    /** True when a bound stopped the search somewhere: more cycles may exist. */
    public boolean isTruncated() {
        return !truncatedComponents.isEmpty() || outOfTotal;
    }

    /** True when a bound stopped the search of this component (or the total bound stopped it before it began). */
    public boolean isTruncated(int component) {
        return truncatedComponents.get(component);
    }

    public List<int[]> cycles() {
        List<int[]> out = new ArrayList<>();
        int[] component = components();
        int n = successors.length;
        List<List<Integer>> members = new ArrayList<>();
        for (int node = 0; node < n; node++) {
            while (members.size() <= component[node]) {
                members.add(new ArrayList<>());
            }
            members.get(component[node]).add(node);
        }
        int[] path = new int[maxLength];
        BitSet onPath = new BitSet(n);
        for (int c = 0; c < members.size(); c++) {
            if (members.get(c).size() < 2) {
                continue;
            }
            if (outOfTotal) {
                truncatedComponents.set(c);
                continue;
            }
            steps = 0;
            found = 0;
            for (int s : members.get(c)) {
                if (truncatedComponents.get(c)) {
                    break;
                }
                path[0] = s;
                onPath.set(s);
                search(s, s, 1, path, onPath, component, out);
                onPath.clear(s);
            }
        }
        return out;
    }

    private void search(int start, int node, int depth, int[] path, BitSet onPath, int[] component, List<int[]> out) {
        int c = component[start];
        for (int next : successors[node]) {
            if (truncatedComponents.get(c)) {
                return;
            }
            if (++steps > maxSteps || ++totalSteps > maxSteps * TOTAL_STEPS_FACTOR) {
                outOfTotal |= totalSteps > maxSteps * TOTAL_STEPS_FACTOR;
                truncatedComponents.set(c);
                return;
            }
            if (component[next] != c || next < start) {
                continue;
            }
            if (next == start) {
                out.add(Arrays.copyOf(path, depth));
                if (++found >= maxCycles) {
                    truncatedComponents.set(c);
                    return;
                }
            } else if (!onPath.get(next) && depth < maxLength) {
                path[depth] = next;
                onPath.set(next);
                search(start, next, depth + 1, path, onPath, component, out);
                onPath.clear(next);
            }
        }
    }

    /** Tarjan's strongly connected components, iteratively; returns the component id of each node. */
    int[] components() {
        int n = successors.length;
        int[] index = new int[n];
        int[] low = new int[n];
        int[] comp = new int[n];
        Arrays.fill(index, -1);
        boolean[] onStack = new boolean[n];
        Deque<Integer> stack = new ArrayDeque<>();
        int[] callNode = new int[n];
        int[] callEdge = new int[n];
        int counter = 0;
        int components = 0;
        for (int root = 0; root < n; root++) {
            if (index[root] != -1) {
                continue;
            }
            int sp = 0;
            callNode[sp] = root;
            callEdge[sp] = 0;
            index[root] = low[root] = counter++;
            stack.push(root);
            onStack[root] = true;
            while (sp >= 0) {
                int v = callNode[sp];
                if (callEdge[sp] < successors[v].length) {
                    int w = successors[v][callEdge[sp]++];
                    if (index[w] == -1) {
                        index[w] = low[w] = counter++;
                        stack.push(w);
                        onStack[w] = true;
                        sp++;
                        callNode[sp] = w;
                        callEdge[sp] = 0;
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                } else {
                    if (low[v] == index[v]) {
                        int w;
                        do {
                            w = stack.pop();
                            onStack[w] = false;
                            comp[w] = components;
                        } while (w != v);
                        components++;
                    }
                    sp--;
                    if (sp >= 0) {
                        int parent = callNode[sp];
                        low[parent] = Math.min(low[parent], low[v]);
                    }
                }
            }
        }
        return comp;
    }
}
