package io.github.gridlock.agent.instrument;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Last stage: if a method calls the hot hooks (monitor enter/exit, synchronized-method enter/exit, before lock /
 * after unlock) more than once, it fetches the thread's hook state once into a new local and passes it to the
 * {@code (Object, Object)} variants: one thread-local lookup per invocation instead of one per hook call. Runs after
 * every other visitor, so it sees their hook calls.
 *
 * <p>The fetch goes just before the first hook when that point is on every path to every other hook and on no loop
 * (a method that locks only on some paths, like a recursive helper's last call or an early return, then pays
 * nothing on the others); otherwise at method entry.
 */
final class ThreadStateLocalVisitor extends MethodNode {
    private static final String ONE = "(Ljava/lang/Object;)V";
    private static final String TWO = "(Ljava/lang/Object;Ljava/lang/Object;)V";
    private final MethodVisitor next;
    private final String hooks;

    ThreadStateLocalVisitor(MethodVisitor next, String hooks, int access, String name, String descriptor,
            String signature, String[] exceptions) {
        super(Opcodes.ASM9, access, name, descriptor, signature, exceptions);
        this.next = next;
        this.hooks = hooks;
    }

    private boolean isHotHook(AbstractInsnNode insn) {
        if (!(insn instanceof MethodInsnNode) || insn.getOpcode() != Opcodes.INVOKESTATIC) {
            return false;
        }
        MethodInsnNode m = (MethodInsnNode) insn;
        if (!m.owner.equals(hooks) || !m.desc.equals(ONE)) {
            return false;
        }
        switch (m.name) {
            case "monitorEnter":
            case "monitorExit":
            case "methodEnter":
            case "methodExit":
            case "beforeLock":
            case "beforeExclusiveLock":
            case "afterUnlock":
                return true;
            default:
                return false;
        }
    }

    @Override
    public void visitEnd() {
        InsnList code = instructions;
        List<MethodInsnNode> hot = new ArrayList<>();
        for (AbstractInsnNode insn = code.getFirst(); insn != null; insn = insn.getNext()) {
            if (isHotHook(insn)) {
                hot.add((MethodInsnNode) insn);
            }
        }
        if (hot.size() >= 2) {
            boolean atFirstHook = firstHookDominates(hot);
            int local = maxLocals;
            maxLocals = local + 1;
            VarInsnNode firstLoad = null;
            for (MethodInsnNode h : hot) {
                VarInsnNode load = new VarInsnNode(Opcodes.ALOAD, local);
                code.insertBefore(h, load);
                h.desc = TWO;
                if (firstLoad == null) {
                    firstLoad = load;
                }
            }
            InsnList fetch = new InsnList();
            fetch.add(new MethodInsnNode(Opcodes.INVOKESTATIC, hooks, "state", "()Ljava/lang/Object;"));
            fetch.add(new VarInsnNode(Opcodes.ASTORE, local));
            if (atFirstHook) {
                code.insertBefore(firstLoad, fetch); // the operand stack is untouched: store, then load again
            } else {
                code.insert(fetch);
            }
        }
        super.visitEnd();
        accept(next);
    }

    /** Every path from entry to another hook passes the first hook, and no path leads from it back to itself. */
    private boolean firstHookDominates(List<MethodInsnNode> hot) {
        for (AbstractInsnNode insn = instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn.getOpcode() == Opcodes.JSR || insn.getOpcode() == Opcodes.RET) {
                return false;
            }
        }
        Map<AbstractInsnNode, List<LabelNode>> handlers = handlersByInstruction();
        MethodInsnNode first = hot.get(0);
        Set<AbstractInsnNode> others = Collections.newSetFromMap(new IdentityHashMap<>());
        others.addAll(hot.subList(1, hot.size()));
        if (reachesAny(List.of(instructions.getFirst()), first, others, handlers)) {
            return false;
        }
        return !reachesAny(successors(first, handlers), null, Set.of(first), handlers);
    }

    /** Breadth-first from {@code starts}, never through {@code avoid}: does it reach one of {@code targets}? */
    private boolean reachesAny(List<AbstractInsnNode> starts, AbstractInsnNode avoid, Set<AbstractInsnNode> targets,
            Map<AbstractInsnNode, List<LabelNode>> handlers) {
        Set<AbstractInsnNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<AbstractInsnNode> todo = new ArrayDeque<>();
        for (AbstractInsnNode s : starts) {
            if (s != null && s != avoid && seen.add(s)) {
                todo.add(s);
            }
        }
        while (!todo.isEmpty()) {
            AbstractInsnNode insn = todo.poll();
            if (targets.contains(insn)) {
                return true;
            }
            for (AbstractInsnNode n : successors(insn, handlers)) {
                if (n != null && n != avoid && seen.add(n)) {
                    todo.add(n);
                }
            }
        }
        return false;
    }

    private static List<AbstractInsnNode> successors(AbstractInsnNode insn,
            Map<AbstractInsnNode, List<LabelNode>> handlers) {
        List<AbstractInsnNode> r = new ArrayList<>(handlers.getOrDefault(insn, List.of()));
        int op = insn.getOpcode();
        if (insn instanceof JumpInsnNode) {
            r.add(((JumpInsnNode) insn).label);
            if (op != Opcodes.GOTO) {
                r.add(insn.getNext());
            }
        } else if (insn instanceof TableSwitchInsnNode) {
            r.add(((TableSwitchInsnNode) insn).dflt);
            r.addAll(((TableSwitchInsnNode) insn).labels);
        } else if (insn instanceof LookupSwitchInsnNode) {
            r.add(((LookupSwitchInsnNode) insn).dflt);
            r.addAll(((LookupSwitchInsnNode) insn).labels);
        } else if (!(op >= Opcodes.IRETURN && op <= Opcodes.RETURN) && op != Opcodes.ATHROW) {
            r.add(insn.getNext());
        }
        return r;
    }

    /** Conservatively, every instruction inside a try range may go to its handler. */
    private Map<AbstractInsnNode, List<LabelNode>> handlersByInstruction() {
        Map<AbstractInsnNode, List<LabelNode>> r = new IdentityHashMap<>();
        if (tryCatchBlocks == null) {
            return r;
        }
        for (TryCatchBlockNode tcb : tryCatchBlocks) {
            for (AbstractInsnNode insn = tcb.start; insn != null && insn != tcb.end; insn = insn.getNext()) {
                r.computeIfAbsent(insn, k -> new ArrayList<>()).add(tcb.handler);
            }
        }
        return r;
    }
}
