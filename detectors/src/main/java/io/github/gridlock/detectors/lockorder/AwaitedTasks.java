package io.github.gridlock.detectors.lockorder;

import edu.umd.cs.findbugs.ba.XField;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.FieldAccesses;
import io.github.gridlock.detectors.analysis.FieldFacts;
import io.github.gridlock.detectors.analysis.GridlockAnalysis;
import io.github.gridlock.detectors.analysis.Handoff;
import io.github.gridlock.detectors.analysis.Invocation;
import io.github.gridlock.detectors.analysis.MethodSummary;
import io.github.gridlock.detectors.analysis.ProgramFacts;
import io.github.gridlock.detectors.analysis.ThreadFacts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The work a wait waits for: the tasks handed to the executor whose termination it awaits, the body of the thread it
 * joins, the task whose future it gets. The executor, thread or future is followed through the field that holds it
 * (every hand-off to that executor field, every thread stored into that field) or, when it was made in the same
 * method, through the hand-off that made it.
 */
final class AwaitedTasks {
    private final ProgramFacts program;
    private final FieldFacts fields;
    private Map<String, List<FieldFacts.Use>> writesByField;

    AwaitedTasks(GridlockAnalysis analysis) {
        this.program = analysis.program();
        this.fields = analysis.fieldFacts();
    }

    /** The analysed methods that run as the work the wait at {@code point} (in {@code method}) waits for. */
    List<Invocation> of(MethodDescriptor method, ThreadFacts.SyncPoint point) {
        AccessPath on = point.on();
        switch (point.kind()) {
            case TERMINATION:
                return handedTo(fieldKey(on));
            case JOIN:
            case FUTURE:
                return madeBy(method, on);
            default:
                return List.of();
        }
    }

    /** A field's identity across methods: {@code Owner.name} for a static or instance field path; else null. */
    private static String fieldKey(AccessPath p) {
        if (p == null || p.kind() != AccessPath.Kind.FIELD && p.kind() != AccessPath.Kind.STATIC_FIELD) {
            return null;
        }
        return p.owner() + "." + p.name();
    }

    /** Every task handed to the executor held in the field {@code key}, anywhere in the program. */
    private List<Invocation> handedTo(String key) {
        List<Invocation> out = new ArrayList<>();
        if (key == null) {
            return out;
        }
        for (ProgramFacts.HandoffSite site : program.handoffs()) {
            if (key.equals(fieldKey(site.handoff().carrier()))) {
                out.addAll(site.handoff().runs());
            }
        }
        return out;
    }

    /**
     * The work behind a thread or future: made in this method (a hand-off whose thread is {@code on}, or whose call
     * returned it), or stored into the field {@code on} by a method that made it so.
     */
    private List<Invocation> madeBy(MethodDescriptor method, AccessPath on) {
        List<Invocation> out = new ArrayList<>(madeIn(method, on));
        String key = fieldKey(on);
        if (key != null) {
            for (FieldFacts.Use write : writesOf(key)) {
                AccessPath stored = write.access().stored();
                if (stored != null) {
                    out.addAll(madeIn(write.method(), stored));
                }
            }
        }
        return out;
    }

    /** Hand-offs in {@code method} whose thread is {@code value}, or whose call produced it (a submit's future). */
    private List<Invocation> madeIn(MethodDescriptor method, AccessPath value) {
        MethodSummary summary = program.summaryOf(method);
        List<Invocation> out = new ArrayList<>();
        if (summary == null || value == null || !value.isKnown()) {
            return out;
        }
        for (Handoff h : summary.threadFacts().handoffs()) {
            if (value.equals(h.carrier()) || value.isProducedAt(h.pc()) && value.kind() == AccessPath.Kind.RESULT) {
                out.addAll(h.runs());
            }
        }
        return out;
    }

    private List<FieldFacts.Use> writesOf(String key) {
        if (writesByField == null) {
            writesByField = new HashMap<>();
            for (XField f : fields.fields()) {
                for (FieldFacts.Use use : fields.usesOf(f)) {
                    FieldAccesses.Access a = use.access();
                    if (a.isWrite()) {
                        writesByField.computeIfAbsent(f.getClassName() + "." + f.getName(), k -> new ArrayList<>()).add(use);
                    }
                }
            }
        }
        return writesByField.getOrDefault(key, List.of());
    }
}
