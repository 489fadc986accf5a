package io.github.gridlock.detectors.lockorder;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class CycleFinderTest {

    private static List<String> cycles(int[][] graph) {
        List<String> out = new ArrayList<>();
        for (int[] c : new CycleFinder(graph, 8, 1000, 1_000_000).cycles()) {
            out.add(Arrays.toString(c));
        }
        return out;
    }

    @Test
    void noCycleInADag() {
        assertEquals(List.of(), cycles(new int[][] {{1, 2}, {2}, {}}));
    }

    @Test
    void twoLockInversionIsOneCycle() {
        assertEquals(List.of("[0, 1]"), cycles(new int[][] {{1}, {0}}));
    }

    @Test
    void everyElementaryCycleOnceFromItsSmallestNode() {
        // 0->1->2->0 and 1->2->1 and 0->2->0
        int[][] g = {{1, 2}, {2}, {0, 1}};
        Set<String> found = new HashSet<>(cycles(g));
        assertEquals(Set.of("[0, 1, 2]", "[0, 2]", "[1, 2]"), found);
        assertEquals(3, cycles(g).size(), "no cycle reported twice");
    }

    @Test
    void selfLoopsAndSeparateComponents() {
        // 3<->4 is a separate component; 0->1->0 another; 2 has no cycle
        int[][] g = {{1}, {0, 2}, {}, {4}, {3}};
        assertEquals(Set.of("[0, 1]", "[3, 4]"), new HashSet<>(cycles(g)));
    }

    @Test
    void lengthBoundSkipsLongCycles() {
        int n = 10;
        int[][] ring = new int[n][];
        for (int i = 0; i < n; i++) {
            ring[i] = new int[] {(i + 1) % n};
        }
        assertTrue(new CycleFinder(ring, 6, 100, 1000).cycles().isEmpty());
        assertEquals(1, new CycleFinder(ring, 10, 100, 1000).cycles().size());
    }

    @Test
    void denseGraphIsBoundedNotExploded() {
        int n = 30;
        int[][] complete = new int[n][];
        for (int i = 0; i < n; i++) {
            int[] succ = new int[n - 1];
            for (int j = 0, k = 0; j < n; j++) {
                if (j != i) {
                    succ[k++] = j;
                }
            }
            complete[i] = succ;
        }
        CycleFinder finder = new CycleFinder(complete, 6, 200, 2_000_000);
        List<int[]> found = assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), finder::cycles);
        assertEquals(200, found.size());
        assertTrue(finder.isTruncated());
    }

    @Test
    void aDenseComponentDoesNotStarveTheOthers() {
        // Nodes 0..19: a complete graph that exhausts its bound; nodes 20 and 21: a lone two-lock cycle.
        int n = 22;
        int[][] g = new int[n][];
        for (int i = 0; i < 20; i++) {
            int[] succ = new int[19];
            for (int j = 0, k = 0; j < 20; j++) {
                if (j != i) {
                    succ[k++] = j;
                }
            }
            g[i] = succ;
        }
        g[20] = new int[] {21};
        g[21] = new int[] {20};
        CycleFinder finder = new CycleFinder(g, 6, 50, 100_000);
        List<int[]> found = finder.cycles();
        assertTrue(found.stream().anyMatch(c -> c.length == 2 && c[0] == 20 && c[1] == 21), "the lone cycle is found");
        int[] component = finder.components();
        assertTrue(finder.isTruncated(component[0]));
        assertFalse(finder.isTruncated(component[20]));
        assertTrue(finder.isTruncated());
    }

    @Test
    void tenThousandNodeRandomGraphFinishes() {
        Random random = new Random(42);
        int n = 10_000;
        int[][] g = new int[n][];
        for (int i = 0; i < n; i++) {
            // Mostly forward edges (a lock hierarchy), a few backward ones make cycles.
            int degree = 1 + random.nextInt(3);
            g[i] = new int[degree];
            for (int d = 0; d < degree; d++) {
                int r = random.nextInt(100);
                if (r == 0) {
                    g[i][d] = random.nextInt(n);
                } else if (r < 4) {
                    g[i][d] = Math.max(0, i - 1 - random.nextInt(8));
                } else {
                    g[i][d] = Math.min(n - 1, i + 1 + random.nextInt(20));
                }
            }
        }
        CycleFinder finder = new CycleFinder(g, 6, 200, 2_000_000);
        List<int[]> found = assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), finder::cycles);
        assertFalse(found.isEmpty());
        for (int[] c : found) {
            for (int i = 0; i < c.length; i++) {
                int from = c[i];
                int to = c[(i + 1) % c.length];
                assertTrue(Arrays.stream(g[from]).anyMatch(x -> x == to), "every reported cycle edge exists");
                assertTrue(c[0] <= from, "cycle starts at its smallest node");
            }
        }
    }

    @Test
    void deepChainDoesNotOverflowTheStack() {
        int n = 200_000;
        int[][] chain = new int[n][];
        for (int i = 0; i < n; i++) {
            chain[i] = i + 1 < n ? new int[] {i + 1} : new int[] {0};
        }
        int[] components = new CycleFinder(chain, 6, 10, 1000).components();
        assertEquals(components[0], components[n - 1], "one big component");
    }
}
