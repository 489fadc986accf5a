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
 */
final class HarnessComparison {
    final List<String> failures = new ArrayList<>();
    final String table;

    HarnessComparison(Set<Site> expected, Set<Site> found, Map<Site, String> messages, Set<String> registered,
            Set<String> pending) {
        Set<String> codes = new TreeSet<>(registered);
        expected.forEach(s -> codes.add(s.code));
        found.forEach(s -> codes.add(s.code));
        codes.addAll(pending);

        StringBuilder out = new StringBuilder();
        out.append(String.format("%-28s %-12s %8s %6s %6s %10s%n", "code", "status", "expected", "found", "missed",
                "unexpected"));
        StringBuilder diff = new StringBuilder();
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
                failures.add(code + " has " + exp.size() + " markers but the plugin does not register it"
                        + " (and it is not in sample-code/pending-codes.txt)");
            }
            String tag = isPending ? "  (pending) " : "  ";
            for (Site s : missed) {
                diff.append(tag).append("MISSING     ").append(s).append('\n');
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
        table = out.toString();
    }

    private static Set<Site> only(Set<Site> sites, String code) {
        return sites.stream().filter(s -> s.code.equals(code)).collect(Collectors.toCollection(TreeSet::new));
    }
}
