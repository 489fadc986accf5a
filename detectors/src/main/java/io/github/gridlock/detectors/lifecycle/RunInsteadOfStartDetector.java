package io.github.gridlock.detectors.lifecycle;

import io.github.gridlock.detectors.analysis.GridlockAnalysis;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.ba.CFGBuilderException;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.type.TypeDataflow;
import edu.umd.cs.findbugs.ba.type.TypeFrame;
import io.github.gridlock.detectors.analysis.AnalysisFailures;
import io.github.gridlock.detectors.analysis.ConcurrencyApi;
import io.github.gridlock.detectors.report.BugTypes;
import io.github.gridlock.detectors.report.Findings;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.INVOKEINTERFACE;
import org.apache.bcel.generic.INVOKEVIRTUAL;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.ObjectType;
import org.apache.bcel.generic.Type;

import java.util.Iterator;

/**
 * GL_RUN_INSTEAD_OF_START: {@code run()} called on an object that is a {@code Thread}.
 *
 * <p>SpotBugs' RU_INVOKE_RUN looks at the static type named in the call instruction, so it misses a
 * thread held in a {@code Runnable} variable ({@code Runnable r = new Worker(); r.run();}). This
 * detector asks SpotBugs' type analysis for the most precise type of the receiver instead. It never
 * reports {@code super.run()} (an {@code invokespecial}: a subclass extending the body) nor {@code run()}
 * on anything not known to be a thread (wrappers calling {@code target.run()} are normal).
 */
public class RunInsteadOfStartDetector implements Detector {
    private static final String THREAD = "java.lang.Thread";
    private final BugReporter bugReporter;

    public RunInsteadOfStartDetector(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        ConstantPoolGen cpg = classContext.getConstantPoolGen();
        for (Method method : classContext.getJavaClass().getMethods()) {
            if (method.getCode() == null || !mentionsRun(classContext, method)) {
                continue;
            }
            try {
                analyze(classContext, method, cpg);
            } catch (CFGBuilderException | DataflowAnalysisException e) {
                GridlockAnalysis.current().failures().methodFailed(classContext.getJavaClass().getClassName(), method, e);
            }
        }
    }

    /** Cheap pre-filter: the type analysis only runs for methods that call some run()V. */
    private static boolean mentionsRun(ClassContext classContext, Method method) {
        java.util.BitSet bytecodes = classContext.getBytecodeSet(method);
        return bytecodes != null && (bytecodes.get(org.apache.bcel.Const.INVOKEVIRTUAL)
                || bytecodes.get(org.apache.bcel.Const.INVOKEINTERFACE));
    }

    private void analyze(ClassContext classContext, Method method, ConstantPoolGen cpg)
            throws CFGBuilderException, DataflowAnalysisException {
        TypeDataflow types = null;
        for (Iterator<Location> i = classContext.getCFG(method).locationIterator(); i.hasNext();) {
            Location location = i.next();
            if (!(location.getHandle().getInstruction() instanceof INVOKEVIRTUAL
                    || location.getHandle().getInstruction() instanceof INVOKEINTERFACE)) {
                continue;
            }
            InvokeInstruction call = (InvokeInstruction) location.getHandle().getInstruction();
            if (!"run".equals(call.getMethodName(cpg)) || !"()V".equals(call.getSignature(cpg))) {
                continue;
            }
            if (types == null) {
                types = classContext.getTypeDataflow(method);
            }
            TypeFrame frame = types.getFactAtLocation(location);
            if (!frame.isValid()) {
                continue;
            }
            Type receiver = frame.getInstance(call, cpg);
            if (!(receiver instanceof ObjectType)) {
                continue;
            }
            String receiverClass = ((ObjectType) receiver).getClassName();
            if (!ConcurrencyApi.isSubtype(receiverClass, THREAD)) {
                continue;
            }
            bugReporter.reportBug(Findings.at(this, BugTypes.RUN_INSTEAD_OF_START, Priorities.NORMAL_PRIORITY,
                    classContext, method, location)
                    .addString(describeThread(receiverClass, call.getClassName(cpg))));
        }
    }

    /** For the message: "a Thread", "a ReportWorker held as a Runnable", "an anonymous Thread subclass". */
    static String describeThread(String receiverClass, String declaredClass) {
        String simple = receiverClass.substring(receiverClass.lastIndexOf('.') + 1);
        String thread = simple.matches(".*\\$\\d+") ? "an anonymous Thread subclass" : withArticle(simple.replace('$', '.'));
        if (receiverClass.equals(declaredClass) || THREAD.equals(declaredClass)) {
            return thread;
        }
        return thread + " held as " + withArticle(declaredClass.substring(declaredClass.lastIndexOf('.') + 1));
    }

    private static String withArticle(String name) {
        return ("AEIOU".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }

    @Override
    public void report() {
        // Findings are reported per class; nothing is kept across classes.
    }
}
