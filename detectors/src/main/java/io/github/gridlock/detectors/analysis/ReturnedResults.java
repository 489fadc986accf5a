package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.CFGBuilderException;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow;
import edu.umd.cs.findbugs.ba.vna.ValueNumberFrame;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.ReturnInstruction;
import org.apache.bcel.generic.Type;

import java.util.Iterator;

/**
 * Whether a method hands a call's own result to its caller: some {@code return} of the method returns the value the
 * call produced ({@code return condition.await(t, unit);}, also when javac keeps it in a local across an inlined
 * {@code finally}). Read from SpotBugs' value-number dataflow, which the core detectors build for the same method.
 */
public final class ReturnedResults {
    private ReturnedResults() {
    }

    /** True when {@code call} (an invoke with a result) produces a value some return instruction of the method returns. */
    public static boolean returnsResultOf(MethodFacts facts, Location call)
            throws CFGBuilderException, DataflowAnalysisException {
        if (!(call.getHandle().getInstruction() instanceof InvokeInstruction)) {
            return false;
        }
        InvokeInstruction invoke = (InvokeInstruction) call.getHandle().getInstruction();
        if (invoke.getReturnType(facts.methodGen().getConstantPool()) == Type.VOID
                || facts.methodGen().getReturnType() == Type.VOID) {
            return false;
        }
        ValueNumberDataflow vna = facts.classContext().getValueNumberDataflow(facts.method());
        Location here = find(vna, call.getHandle().getPosition());
        if (here == null) {
            return false;
        }
        ValueNumberFrame after = vna.getFactAfterLocation(here);
        if (!after.isValid() || after.getStackDepth() == 0) {
            return false;
        }
        ValueNumber result = after.getTopValue();
        for (Iterator<Location> i = vna.getCFG().locationIterator(); i.hasNext();) {
            Location l = i.next();
            if (!(l.getHandle().getInstruction() instanceof ReturnInstruction)) {
                continue;
            }
            ValueNumberFrame before = vna.getFactAtLocation(l);
            if (before.isValid() && before.getStackDepth() > 0 && before.getTopValue().equals(result)) {
                return true;
            }
        }
        return false;
    }

    private static Location find(ValueNumberDataflow vna, int pc) {
        for (Iterator<Location> i = vna.getCFG().locationIterator(); i.hasNext();) {
            Location l = i.next();
            if (l.getHandle().getPosition() == pc) {
                return l;
            }
        }
        return null;
    }
}
