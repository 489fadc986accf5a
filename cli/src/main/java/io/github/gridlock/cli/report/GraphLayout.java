package io.github.gridlock.cli.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Places a directed graph in layers for drawing (the layered method of Sugiyama et al., in its simplest form):
 * edges that close a cycle are turned round for the ranking only, each node goes to the layer after the longest
 * path that reaches it, nodes within a layer are ordered by the mean position of their neighbours (a few sweeps
 * down and up, which removes most crossings), and then get coordinates. Deterministic: the same graph gives the
 * same picture.
 */
final class GraphLayout {
    static final double LAYER_GAP = 120;
    static final double NODE_GAP = 40;
    static final double NODE_HEIGHT = 30;
    static final double MARGIN = 30;
    private static final int SWEEPS = 6;

    final double[] x;
    final double[] y;
    final double[] width;
    final double totalWidth;
    final double totalHeight;
    /** Per edge (in the order given): true when it points back up the layers (it closes a cycle). */
    final boolean[] reversed;

    private GraphLayout(double[] x, double[] y, double[] width, double totalWidth, double totalHeight, boolean[] reversed) {
        this.x = x;
        this.y = y;
        this.width = width;
        this.totalWidth = totalWidth;
        this.totalHeight = totalHeight;
        this.reversed = reversed;
    }

    /**
     * @param widths each node's box width
     * @param edges {@code [from, to]} pairs over nodes {@code 0..n-1}
     * @param labelWidths per edge, the width of its label, drawn beside the edge: the drawing keeps room for the
     *     widest on either side, so that no label leaves it
     */
    static GraphLayout of(double[] widths, List<int[]> edges, double[] labelWidths) {
        int n = widths.length;
        boolean[] reversed = backEdges(n, edges);
        int[] layer = layers(n, edges, reversed);
        List<List<Integer>> byLayer = new ArrayList<>();
        int layers = Arrays.stream(layer).max().orElse(-1) + 1;
        for (int i = 0; i < layers; i++) {
            byLayer.add(new ArrayList<>());
        }
        for (int v = 0; v < n; v++) {
            byLayer.get(layer[v]).add(v);
        }
        order(byLayer, n, edges);
        double[] x = new double[n];
        double[] y = new double[n];
        double widest = 0;
        double[] rowWidth = new double[layers];
        for (int l = 0; l < layers; l++) {
            for (int v : byLayer.get(l)) {
                rowWidth[l] += widths[v] + NODE_GAP;
            }
            widest = Math.max(widest, rowWidth[l]);
        }
        double side = MARGIN + Arrays.stream(labelWidths).max().orElse(0);
        for (int l = 0; l < layers; l++) {
            double at = side + (widest - rowWidth[l]) / 2 + NODE_GAP / 2;
            for (int v : byLayer.get(l)) {
                x[v] = at + widths[v] / 2;
                y[v] = MARGIN + NODE_HEIGHT / 2 + l * LAYER_GAP;
                at += widths[v] + NODE_GAP;
            }
        }
        return new GraphLayout(x, y, widths, widest + 2 * side, 2 * MARGIN + NODE_HEIGHT + Math.max(0, layers - 1) * LAYER_GAP,
                reversed);
    }

    /**
     * Lays out each weakly connected part on its own and packs the parts in rows no wider than {@code maxWidth}
     * (largest first): many small cycles make a grid of small drawings instead of one drawing too wide to read.
     */
    static GraphLayout packed(double[] widths, List<int[]> edges, double[] labelWidths, double maxWidth) {
        int n = widths.length;
        int[] part = parts(n, edges);
        int parts = Arrays.stream(part).max().orElse(-1) + 1;
        List<List<Integer>> members = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            members.add(new ArrayList<>());
        }
        for (int v = 0; v < n; v++) {
            members.get(part[v]).add(v);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            order.add(i);
        }
        order.sort((a, b) -> members.get(b).size() != members.get(a).size()
                ? Integer.compare(members.get(b).size(), members.get(a).size()) : Integer.compare(a, b));
        double[] x = new double[n];
        double[] y = new double[n];
        boolean[] reversed = new boolean[edges.size()];
        double rowX = 0;
        double rowY = 0;
        double rowHeight = 0;
        double width = 0;
        for (int p : order) {
            List<Integer> nodes = members.get(p);
            Map<Integer, Integer> local = new HashMap<>();
            double[] w = new double[nodes.size()];
            for (int i = 0; i < nodes.size(); i++) {
                local.put(nodes.get(i), i);
                w[i] = widths[nodes.get(i)];
            }
            List<int[]> localEdges = new ArrayList<>();
            List<Integer> edgeIds = new ArrayList<>();
            for (int e = 0; e < edges.size(); e++) {
                if (part[edges.get(e)[0]] == p) {
                    localEdges.add(new int[] {local.get(edges.get(e)[0]), local.get(edges.get(e)[1])});
                    edgeIds.add(e);
                }
            }
            GraphLayout one = of(w, localEdges, edgeIds.stream().mapToDouble(e -> labelWidths[e]).toArray());
            if (rowX > 0 && rowX + one.totalWidth > maxWidth) {
                rowX = 0;
                rowY += rowHeight;
                rowHeight = 0;
            }
            for (int i = 0; i < nodes.size(); i++) {
                x[nodes.get(i)] = rowX + one.x[i];
                y[nodes.get(i)] = rowY + one.y[i];
            }
            for (int k = 0; k < edgeIds.size(); k++) {
                reversed[edgeIds.get(k)] = one.reversed[k];
            }
            rowX += one.totalWidth;
            rowHeight = Math.max(rowHeight, one.totalHeight);
            width = Math.max(width, rowX);
        }
        return new GraphLayout(x, y, widths, width, rowY + rowHeight, reversed);
    }

    /** The weakly connected part of each node, numbered from 0 in order of their first node. */
    private static int[] parts(int n, List<int[]> edges) {
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int[] e : edges) {
            int a = root(parent, e[0]);
            int b = root(parent, e[1]);
            if (a != b) {
                parent[Math.max(a, b)] = Math.min(a, b);
            }
        }
        int[] part = new int[n];
        Map<Integer, Integer> ids = new HashMap<>();
        for (int v = 0; v < n; v++) {
            part[v] = ids.computeIfAbsent(root(parent, v), k -> ids.size());
        }
        return part;
    }

    private static int root(int[] parent, int v) {
        while (parent[v] != v) {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    }

    /** The edges a depth-first search meets as back edges: turning them round leaves an acyclic graph. */
    private static boolean[] backEdges(int n, List<int[]> edges) {
        List<List<Integer>> out = adjacency(n, edges);
        int[] state = new int[n];
        boolean[] back = new boolean[edges.size()];
        for (int s = 0; s < n; s++) {
            if (state[s] != 0) {
                continue;
            }
            // Iterative DFS: deep graphs must not overflow the stack.
            List<int[]> stack = new ArrayList<>();
            stack.add(new int[] {s, 0});
            state[s] = 1;
            while (!stack.isEmpty()) {
                int[] top = stack.get(stack.size() - 1);
                List<Integer> succ = out.get(top[0]);
                if (top[1] < succ.size()) {
                    int e = succ.get(top[1]++);
                    int w = edges.get(e)[1];
                    if (state[w] == 1) {
                        back[e] = true;
                    } else if (state[w] == 0) {
                        state[w] = 1;
                        stack.add(new int[] {w, 0});
                    }
                } else {
                    state[top[0]] = 2;
                    stack.remove(stack.size() - 1);
                }
            }
        }
        return back;
    }

    /** Longest-path layering of the graph with the back edges turned round. */
    private static int[] layers(int n, List<int[]> edges, boolean[] reversed) {
        int[] layer = new int[n];
        int[] indegree = new int[n];
        List<List<Integer>> succ = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            succ.add(new ArrayList<>());
        }
        for (int e = 0; e < edges.size(); e++) {
            int a = edges.get(e)[reversed[e] ? 1 : 0];
            int b = edges.get(e)[reversed[e] ? 0 : 1];
            if (a != b) {
                succ.get(a).add(b);
                indegree[b]++;
            }
        }
        ArrayList<Integer> ready = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            if (indegree[v] == 0) {
                ready.add(v);
            }
        }
        while (!ready.isEmpty()) {
            int v = ready.remove(ready.size() - 1);
            for (int w : succ.get(v)) {
                layer[w] = Math.max(layer[w], layer[v] + 1);
                if (--indegree[w] == 0) {
                    ready.add(w);
                }
            }
        }
        return layer;
    }

    /** Barycentre ordering: each node moves to the mean position of its neighbours in the layer before (or after). */
    private static void order(List<List<Integer>> byLayer, int n, List<int[]> edges) {
        List<List<Integer>> neighbours = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            neighbours.add(new ArrayList<>());
        }
        for (int[] e : edges) {
            neighbours.get(e[0]).add(e[1]);
            neighbours.get(e[1]).add(e[0]);
        }
        double[] pos = new double[n];
        for (List<Integer> row : byLayer) {
            for (int i = 0; i < row.size(); i++) {
                pos[row.get(i)] = i;
            }
        }
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            boolean down = sweep % 2 == 0;
            for (int k = 0; k < byLayer.size(); k++) {
                List<Integer> row = byLayer.get(down ? k : byLayer.size() - 1 - k);
                Map<Integer, Double> key = new HashMap<>();
                for (int v : row) {
                    double sum = 0;
                    int count = 0;
                    for (int w : neighbours.get(v)) {
                        sum += pos[w];
                        count++;
                    }
                    key.put(v, count == 0 ? pos[v] : sum / count);
                }
                row.sort((a, b) -> {
                    int c = Double.compare(key.get(a), key.get(b));
                    return c != 0 ? c : Integer.compare(a, b);
                });
                for (int i = 0; i < row.size(); i++) {
                    pos[row.get(i)] = i;
                }
            }
        }
    }

    private static List<List<Integer>> adjacency(int n, List<int[]> edges) {
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>());
        }
        for (int e = 0; e < edges.size(); e++) {
            out.get(edges.get(e)[0]).add(e);
        }
        return out;
    }
}
