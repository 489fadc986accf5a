package io.github.gridlock.cli.agentlink;

import edu.umd.cs.findbugs.BugAnnotation;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import io.github.gridlock.cli.engine.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A lock-order finding of the static analysis, as the places its edges were found: each a class and line where the
 * inner lock is taken, or the call that takes it. GL_LOCK_ORDER_INVERSION reports one source line per edge of its
 * cycle (the primary one and the others); GL_ARGUMENT_LOCK_ORDER one (both orders go through it).
 */
final class StaticCycle {
    static final Set<String> CODES = Set.of("GL_LOCK_ORDER_INVERSION", "GL_ARGUMENT_LOCK_ORDER");

    /** Where one edge was found. */
    static final class Site {
        final String className;
        final int line;

        Site(String className, int line) {
            this.className = className;
            this.line = line;
        }

        @Override
        public String toString() {
            return className + ":" + line;
        }
    }

    final Finding finding;
    final List<Site> sites;

    private StaticCycle(Finding finding, List<Site> sites) {
        this.finding = finding;
        this.sites = List.copyOf(sites);
    }

    /** Null for a finding that is no lock-order cycle, or whose sites have no line numbers. */
    static StaticCycle of(Finding f) {
        if (!CODES.contains(f.code())) {
            return null;
        }
        List<Site> sites = new ArrayList<>();
        for (BugAnnotation a : f.bug().getAnnotations()) {
            if (a instanceof SourceLineAnnotation) {
                SourceLineAnnotation s = (SourceLineAnnotation) a;
                if (s.getStartLine() > 0) {
                    sites.add(new Site(s.getClassName(), s.getStartLine()));
                }
            }
        }
        return sites.isEmpty() ? null : new StaticCycle(f, sites);
    }

    /**
     * The run-time cycle went through exactly these places: every site is on the stack of one of its edges, and every
     * edge's stack has one of the sites.
     */
    boolean matches(RuntimeCycle c) {
        for (Site s : sites) {
            boolean seen = false;
            for (RuntimeEdge e : c.edges()) {
                seen |= e.passes(s.className, s.line);
            }
            if (!seen) {
                return false;
            }
        }
        for (RuntimeEdge e : c.edges()) {
            boolean covered = false;
            for (Site s : sites) {
                covered |= e.passes(s.className, s.line);
            }
            if (!covered) {
                return false;
            }
        }
        return !c.edges().isEmpty();
    }
}
