package io.github.gridlock.detectors.release;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.ba.ClassContext;
import io.github.gridlock.detectors.analysis.AcquireStates;
import io.github.gridlock.detectors.analysis.GridlockAnalysis;
import org.apache.bcel.classfile.Method;

import java.util.BitSet;

/** The methods of a class worth the release family's path states: those that call something. */
final class ReleaseSites {
    private ReleaseSites() {
    }

    /** The method's path states, or null when it has no calls, no code, or its failure is already recorded. */
    static AcquireStates of(ClassContext classContext, Method method) {
        if (method.getCode() == null || !callsSomething(classContext, method)) {
            return null;
        }
        return GridlockAnalysis.current().acquireStates(classContext, method);
    }

    /** A finding in {@code method} at the instruction at {@code pc}: class and method ({0}, {1}), then the line. */
    static BugInstance finding(Detector detector, String type, int priority, ClassContext classContext, Method method,
            int pc) {
        return new BugInstance(detector, type, priority).addClassAndMethod(classContext.getJavaClass(), method)
                .addSourceLine(SourceLineAnnotation.fromVisitedInstruction(classContext, method, pc));
    }

    static boolean callsSomething(ClassContext classContext, Method method) {
        BitSet b = classContext.getBytecodeSet(method);
        return b != null && (b.get(org.apache.bcel.Const.INVOKEVIRTUAL) || b.get(org.apache.bcel.Const.INVOKESPECIAL)
                || b.get(org.apache.bcel.Const.INVOKESTATIC) || b.get(org.apache.bcel.Const.INVOKEINTERFACE));
    }
}
