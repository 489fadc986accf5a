package io.github.gridlock.cli;

import io.github.gridlock.cli.SampleCode.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Compares expected sites (markers) with found sites (findings) per bug code, knowing which codes the plugin
 * registers and which are pending. Kept apart from the engine so that its verdicts are unit-tested.
 *
 * <p>The table counts every code. Below it, the differences that matter are listed one per line: every difference
 * of an enforced code (each one fails), and the findings of a pending code on lines without its marker (false
 * positives once the code is enforced). The markers a pending code does not find yet are only counted: they are
 * expected until its detector lands; {@code -Dgridlock.harness.pendingDetails=true} lists them too.
 */
final class HarnessComparison {
    /** System property: also list, one per line, the markers that pending codes do not find yet. */
    static final String PENDING_DETAILS_PROPERTY = "gridlock.harness.pendingDetails";

    final List<String> failures = new ArrayList<>();
    final String table;
    /** The number of findings of enforced codes that matched their markers. */
    final int matched;

    HarnessComparison(Set<Site> expected, Set<Site> found, Map<Site, String> messages, Set<String> registered,
            Set<String> pending) {
        this(expected, found, messages, registered, pending, Boolean.getBoolean(PENDING_DETAILS_PROPERTY));
    }

    HarnessComparison(Set<Site> expected, Set<Site> found, Map<Site, String> messages, Set<String> registered,
            Set<String> pending, boolean listPendingMisses) {
        Set<String> codes = new TreeSet<>(registered);
        expected.forEach(s -> codes.add(s.code));
        found.forEach(s -> codes.add(s.code));
        codes.addAll(pending);

        StringBuilder out = new StringBuilder();
        out.append(String.format("%-28s %-12s %8s %6s %6s %10s%n", "code", "status", "expected", "found", "missed",
                "unexpected"));
        StringBuilder diff = new StringBuilder();
        int pendingMisses = 0;
        int matchedEnforced = 0;
        for (String code : codes) {
            Set<Site> exp = only(expected, code);
            Set<Site> got = only(found, code);
            Set<Site> missed = new TreeSet<>(exp);
            missed.removeAll(got);
            Set<Site> extra = new TreeSet<>(got);
            extra.removeAll(exp);
            boolean isPending = pending.contains(code);
            boolean isRegistered = registered.contains(code);
            String status = isPending ? (isRegistered ? "PENDING?!" : "pending")
                    : isRegistered ? "enforced" : "UNREGISTERED";
            out.append(String.format("%-28s %-12s %8d %6d %6d %10d%n", code, status, exp.size(), got.size(),
                    missed.size(), extra.size()));
            if (isPending && isRegistered) {
                failures.add(code + " is registered by the plugin but still listed in sample-code/pending-codes.txt:"
                        + " remove it so that its samples are enforced");
            }
            if (!isPending && !isRegistered && !exp.isEmpty()) {
                failures.add(code + " has " + exp.size() + (exp.size() == 1 ? " marker" : " markers")
                        + " but the plugin does not register it (and it is not in sample-code/pending-codes.txt)");
            }
            if (!isPending) {
                matchedEnforced += got.size() - extra.size();
            }
            String tag = isPending ? "  (pending) " : "  ";
            if (isPending && !listPendingMisses) {
                pendingMisses += missed.size();
            } else {
                for (Site s : missed) {
                    diff.append(tag).append("MISSING     ").append(s).append('\n');
                }
            }
            for (Site s : extra) {
                diff.append(tag).append("UNEXPECTED  ").append(s).append("  ")
                        .append(messages.getOrDefault(s, "")).append('\n');
            }
            if (!isPending && (!missed.isEmpty() || !extra.isEmpty())) {
                failures.add(code + ": " + missed.size() + " missed, " + extra.size() + " unexpected");
            }
        }
        out.append(String.format("%-28s %-12s %8d %6d%n", "total", "", expected.size(), found.size()));
        if (diff.length() > 0) {
            out.append("\nDifferences (file:line  code):\n").append(diff);
        }
        if (pendingMisses > 0) {
            out.append(String.format("%nPending codes do not find %d %s yet (expected until their detectors land;"
                    + " -D%s=true lists them).%n", pendingMisses, pendingMisses == 1 ? "marker" : "markers",
                    PENDING_DETAILS_PROPERTY));
        }
        table = out.toString();
        matched = matchedEnforced;
    }

    private static Set<Site> only(Set<Site> sites, String code) {
        return sites.stream().filter(s -> s.code.equals(code)).collect(Collectors.toCollection(TreeSet::new));
    }
}
