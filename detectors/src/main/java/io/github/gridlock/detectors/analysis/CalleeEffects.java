package io.github.gridlock.detectors.analysis;

import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.InvokeInstruction;

/** What a call to an analysed method does to its caller's held locks (a {@code begin()}/{@code end()} pair). */
interface CalleeEffects {
    /** The summary of the single analysed target of the call, or null if none, several, or not yet known. */
    MethodSummary summaryForCall(InvokeInstruction call, ConstantPoolGen cpg);

    CalleeEffects NONE = (call, cpg) -> null;
}
