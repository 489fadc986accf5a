package io.github.gridlock.detectors.release;

import io.github.gridlock.detectors.analysis.AcquireStates;
import io.github.gridlock.detectors.analysis.LockFacts;
import io.github.gridlock.detectors.analysis.LockId;
import io.github.gridlock.detectors.analysis.LockKind;
import org.apache.bcel.classfile.CodeException;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ATHROW;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The release family's reading of {@link AcquireStates#unmatchedReleases()}, shared by GL_UNLOCK_WITHOUT_LOCK and
 * GL_LOCK_INSIDE_TRY so that one mistake is one finding: a release reached with nothing held that sits in the
 * {@code finally} (a catch-any handler) of a {@code try} that also covers a blocking acquisition of the same lock is
 * the acquire-inside-try mistake, reported at the acquisition; any other is an unlock without a lock, reported at
 * the release.
 *
 * <p>A release counts only in a method that acquires the same lock object before it (in code order; either half of
 * a read/write lock): a method that only
 * releases ({@code end()}, a semaphore's producer) or releases its caller's hold and takes it again
 * ({@code unlock(); work(); lock();}) is the other half of a protocol, not a mistake.
 */
final class UnmatchedReleases {
    /** Per source line: one unmatched release with nothing to blame but itself. */
    final Map<Integer, AcquireStates.UnmatchedRelease> withoutLock = new LinkedHashMap<>();
    /** Acquisitions inside the try whose finally releases them, with the release (first found) they fail into. */
    final Map<AcquireStates.Site, AcquireStates.UnmatchedRelease> insideTry = new LinkedHashMap<>();
    /** Those of {@link #insideTry} with a call before them in the try: something other than the acquire may throw. */
    final java.util.Set<AcquireStates.Site> afterOtherCalls = new java.util.HashSet<>();

    private UnmatchedReleases() {
    }

    static UnmatchedReleases of(AcquireStates states, Method method, org.apache.bcel.generic.MethodGen methodGen) {
        InstructionList code = methodGen.getInstructionList();
        org.apache.bcel.generic.ConstantPoolGen cpg = methodGen.getConstantPool();
        UnmatchedReleases out = new UnmatchedReleases();
        CodeException[] handlers = method.getCode().getExceptionTable();
        List<Integer> blamedLines = new ArrayList<>();
        List<AcquireStates.UnmatchedRelease> rest = new ArrayList<>();
        for (AcquireStates.UnmatchedRelease r : states.unmatchedReleases()) {
            if (!acquiredEarlier(states, r)) {
                continue;
            }
            CodeException[] tryOf = new CodeException[1];
            AcquireStates.Site inside = acquiredInsideTryOf(states, r, handlers, code, tryOf);
            if (inside != null) {
                out.insideTry.putIfAbsent(inside, r);
                if (callsBefore(code, cpg, tryOf[0].getStartPC(), inside.pc())) {
                    out.afterOtherCalls.add(inside);
                }
                blamedLines.add(r.line());
            } else {
                rest.add(r);
            }
        }
        for (AcquireStates.UnmatchedRelease r : rest) {
            if (!blamedLines.contains(r.line())) {
                out.withoutLock.putIfAbsent(r.line(), r);
            }
        }
        return out;
    }

    private static boolean acquiredEarlier(AcquireStates states, AcquireStates.UnmatchedRelease r) {
        for (AcquireStates.Site s : states.sites()) {
            if (s.pc() < r.pc() && sameObject(s.lock(), r.lock())) {
                return true;
            }
        }
        return false;
    }

    /** A blocking API acquisition of the lock inside a try whose catch-any handler leads to this release. */
    private static AcquireStates.Site acquiredInsideTryOf(AcquireStates states, AcquireStates.UnmatchedRelease r,
            CodeException[] handlers, InstructionList code, CodeException[] tryOf) {
        for (CodeException h : handlers) {
            if (h.getCatchType() != 0 || r.pc() < h.getHandlerPC() || r.pc() > endOfHandler(code, h.getHandlerPC())) {
                continue;
            }
            for (AcquireStates.Site s : states.sites()) {
                boolean covered = s.pc() >= h.getStartPC() && s.pc() < h.getEndPC();
                if (covered && !s.isThroughCall() && s.mode() == LockFacts.AcquireMode.BLOCKING
                        && sameLock(s.lock(), r.lock())) {
                    tryOf[0] = h;
                    return s;
                }
            }
        }
        return null;
    }

    /**
     * True when the try runs a call before the acquisition at {@code sitePc}, other than one that only names the lock
     * (a read/write half, javac's {@code access$} accessor, a no-argument getter of a lock): then not only the acquire
     * can fail into the finally.
     */
    private static boolean callsBefore(InstructionList code, org.apache.bcel.generic.ConstantPoolGen cpg, int tryStart,
            int sitePc) {
        for (InstructionHandle h = code.findHandle(tryStart); h != null && h.getPosition() < sitePc; h = h.getNext()) {
            if (h.getInstruction() instanceof ATHROW) {
                return true;
            }
            if (h.getInstruction() instanceof org.apache.bcel.generic.InvokeInstruction
                    && !namesLock((org.apache.bcel.generic.InvokeInstruction) h.getInstruction(), cpg)) {
                return true;
            }
        }
        return false;
    }

    private static boolean namesLock(org.apache.bcel.generic.InvokeInstruction call,
            org.apache.bcel.generic.ConstantPoolGen cpg) {
        io.github.gridlock.detectors.analysis.ConcurrencyApi.Entry api =
                io.github.gridlock.detectors.analysis.ConcurrencyApi.lookup(call, cpg);
        if (api != null) {
            return api.effect() == io.github.gridlock.detectors.analysis.ConcurrencyApi.Effect.READ_HALF
                    || api.effect() == io.github.gridlock.detectors.analysis.ConcurrencyApi.Effect.WRITE_HALF;
        }
        String sig = call.getSignature(cpg);
        return call.getMethodName(cpg).startsWith("access$")
                || sig.startsWith("()") && sig.startsWith("Ljava/util/concurrent/locks/", 2);
    }

    /** javac's finally handler ends with the {@code athrow} that rethrows what it caught. */
    private static int endOfHandler(InstructionList code, int handlerPc) {
        for (InstructionHandle h = code.findHandle(handlerPc); h != null; h = h.getNext()) {
            if (h.getInstruction() instanceof ATHROW) {
                return h.getPosition();
            }
        }
        return Integer.MAX_VALUE;
    }

    /** The same lock object, either half of a read/write lock: taking the write half and releasing the read one counts. */
    private static boolean sameObject(LockId acquired, LockId released) {
        boolean permits = acquired.kind() == LockKind.SEMAPHORE;
        return permits == (released.kind() == LockKind.SEMAPHORE)
                && (acquired.path().equals(released.path()) || !released.path().isKnown());
    }

    static boolean sameLock(LockId acquired, LockId released) {
        if (acquired.equals(released)) {
            return true;
        }
        boolean stamps = isStamp(acquired.kind()) && isStamp(released.kind());
        boolean kindsAgree = acquired.kind() == released.kind() || stamps;
        // A Lock the analysis cannot name (a local that held the read half on one path, the write half on another)
        // may be either half: the layer matches it so too.
        boolean anyHalf = !released.path().isKnown() && released.kind() == LockKind.LOCK
                && (acquired.kind() == LockKind.READ_LOCK || acquired.kind() == LockKind.WRITE_LOCK);
        return anyHalf || kindsAgree && (acquired.path().equals(released.path()) || !released.path().isKnown());
    }

    private static boolean isStamp(LockKind kind) {
        return kind == LockKind.STAMPED_READ || kind == LockKind.STAMPED_WRITE;
    }
}
