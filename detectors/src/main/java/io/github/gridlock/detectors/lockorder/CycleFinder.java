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
 * longer than {@code maxLength} are not searched, the search stops after {@code maxCycles}
 * cycles, and after {@code maxSteps} search steps in all.
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
    private long steps;
    private boolean truncated;

    public CycleFinder(int[][] successors, int maxLength, int maxCycles, long maxSteps) {
        this.successors = successors;
        this.maxLength = maxLength;
        this.maxCycles = maxCycles;
        this.maxSteps = maxSteps;
    }

    /** True when a bound stopped the search: more cycles may exist. */
    public boolean isTruncated() {
        return truncated;
    }

    public List<int[]> cycles() {
        List<int[]> out = new ArrayList<>();
        int[] component = components();
        int n = successors.length;
        int[] size = new int[n];
        for (int c : component) {
            size[c]++;
        }
        int[] path = new int[maxLength];
        BitSet onPath = new BitSet(n);
        for (int s = 0; s < n && !truncated; s++) {
            if (size[component[s]] < 2) {
                continue;
            }
            path[0] = s;
            onPath.set(s);
            search(s, s, 1, path, onPath, component, out);
            onPath.clear(s);
        }
        return out;
    }

    private void search(int start, int node, int depth, int[] path, BitSet onPath, int[] component, List<int[]> out) {
        for (int next : successors[node]) {
            if (truncated) {
                return;
            }
            if (++steps > maxSteps) {
                truncated = true;
                return;
            }
            if (component[next] != component[start] || next < start) {
                continue;
            }
            if (next == start) {
                out.add(Arrays.copyOf(path, depth));
                if (out.size() >= maxCycles) {
                    truncated = true;
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
