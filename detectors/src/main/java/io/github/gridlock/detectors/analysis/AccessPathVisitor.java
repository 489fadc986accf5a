package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.AbstractFrameModelingVisitor;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.InvalidBytecodeException;
import org.apache.bcel.generic.CHECKCAST;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.GETFIELD;
import org.apache.bcel.generic.GETSTATIC;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.INVOKEINTERFACE;
import org.apache.bcel.generic.INVOKESPECIAL;
import org.apache.bcel.generic.INVOKESTATIC;
import org.apache.bcel.generic.INVOKEVIRTUAL;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.LDC;
import org.apache.bcel.generic.NEW;
import org.apache.bcel.generic.ObjectType;

/**
 * Models each instruction's effect on the access paths in the frame. Everything not modelled here
 * produces {@link AccessPath#UNKNOWN}, which never matches anything.
 */
final class AccessPathVisitor extends AbstractFrameModelingVisitor<AccessPath, AccessPathFrame> {

    /** Pseudo-field names for objects derived from a lock by a call: they give each a stable name. */
    static final String READ_HALF = "<readLock>";
    static final String WRITE_HALF = "<writeLock>";
    static final String CONDITION = "<condition>";

    private final Getters getters;
    private final LambdaSites lambdas;
    private final AccessPathRefs refs;

    AccessPathVisitor(ConstantPoolGen cpg, Getters getters, LambdaSites lambdas) {
        super(cpg);
        this.getters = getters;
        this.lambdas = lambdas;
        this.refs = getters.refsOf(cpg);
    }

    @Override
    public AccessPath getDefaultValue() {
        return AccessPath.UNKNOWN;
    }

    @Override
    public void visitGETSTATIC(GETSTATIC obj) {
        AccessPathRefs.FieldRef field = refs.field(obj, cpg);
        if (field.holdsReference) {
            modelInstruction(obj, 0, 1, AccessPath.staticField(field.declaringClass(), field.name));
        } else {
            handleNormalInstruction(obj);
        }
    }

    @Override
    public void visitGETFIELD(GETFIELD obj) {
        AccessPathRefs.FieldRef field = refs.field(obj, cpg);
        if (!field.holdsReference) { // a reference always takes one stack word
            handleNormalInstruction(obj);
            return;
        }
        try {
            AccessPath receiver = getFrame().popValue();
            getFrame().pushValue(AccessPath.field(receiver, field.declaringClass(), field.name));
        } catch (DataflowAnalysisException e) {
            throw new InvalidBytecodeException("stack underflow at getfield", e);
        }
    }

    @Override
    public void visitNEW(NEW obj) {
        modelInstruction(obj, 0, 1, AccessPath.fresh(refs.newClass(obj, cpg), getLocation().getHandle().getPosition()));
    }

    /**
     * An array allocated here is a fresh object like any other (named by its type descriptor, {@code [J}): a thread's
     * body that writes a captured array is then known to write the caller's array.
     */
    @Override
    public void visitNEWARRAY(org.apache.bcel.generic.NEWARRAY obj) {
        modelInstruction(obj, 1, 1, AccessPath.fresh(obj.getType().getSignature(), getLocation().getHandle().getPosition()));
    }

    @Override
    public void visitANEWARRAY(org.apache.bcel.generic.ANEWARRAY obj) {
        // The instruction's constant names the element type: the array's own descriptor has one '[' more.
        modelInstruction(obj, 1, 1, AccessPath.fresh("[" + obj.getType(cpg).getSignature(),
                getLocation().getHandle().getPosition()));
    }

    @Override
    public void visitMULTIANEWARRAY(org.apache.bcel.generic.MULTIANEWARRAY obj) {
        modelInstruction(obj, obj.getDimensions(), 1,
                AccessPath.fresh(obj.getType(cpg).getSignature(), getLocation().getHandle().getPosition()));
    }

    @Override
    public void visitLDC(LDC obj) {
        Object value = obj.getValue(cpg);
        if (value instanceof ObjectType) {
            modelInstruction(obj, 0, 1, AccessPath.classLiteral(((ObjectType) value).getClassName()));
        } else {
            handleNormalInstruction(obj);
        }
    }

    @Override
    public void visitAALOAD(org.apache.bcel.generic.AALOAD obj) {
        modelInstruction(obj, 2, 1, AccessPath.result(getLocation().getHandle().getPosition()));
    }

    @Override
    public void visitCHECKCAST(CHECKCAST obj) {
        // A cast does not change which object it is.
    }

    @Override
    public void visitINVOKEVIRTUAL(INVOKEVIRTUAL obj) {
        handleInvoke(obj);
    }

    @Override
    public void visitINVOKEINTERFACE(INVOKEINTERFACE obj) {
        handleInvoke(obj);
    }

    @Override
    public void visitINVOKESPECIAL(INVOKESPECIAL obj) {
        handleInvoke(obj);
    }

    @Override
    public void visitINVOKESTATIC(INVOKESTATIC obj) {
        handleInvoke(obj);
    }

    /**
     * A lambda or method reference site makes a {@link Closure} that remembers the values it captured (the
     * call's arguments); any other {@code invokedynamic} (string concatenation, ...) makes an unknown value.
     */
    @Override
    public void visitINVOKEDYNAMIC(INVOKEDYNAMIC obj) {
        LambdaSites.Shape shape = lambdas == null ? null : lambdas.shapeOf(obj.getIndex());
        if (shape == null) {
            handleNormalInstruction(obj);
            return;
        }
        try {
            AccessPath[] captures = getFrame().arguments(obj, cpg);
            int pc = getLocation().getHandle().getPosition();
            modelInstruction(obj, getNumWordsConsumed(obj), 1, AccessPath.closure(shape.withCaptures(captures, pc), pc));
        } catch (DataflowAnalysisException e) {
            throw new InvalidBytecodeException("stack underflow at invokedynamic", e);
        }
    }

    private void handleInvoke(InvokeInstruction obj) {
        AccessPathRefs.CallRef call = refs.call(obj, cpg);
        AccessPath result = call.returnsReference
                ? AccessPath.result(getLocation().getHandle().getPosition()) : AccessPath.UNKNOWN;
        try {
            String owner = call.owner;
            AccessPath receiver = obj instanceof INVOKESTATIC ? null : getFrame().getInstance(obj, cpg);
            ConcurrencyApi.Entry api = call.api();
            if (api != null) {
                switch (api.effect()) {
                    case READ_HALF:
                        result = AccessPath.field(receiver, owner, READ_HALF);
                        break;
                    case WRITE_HALF:
                        result = AccessPath.field(receiver, owner, WRITE_HALF);
                        break;
                    case NEW_CONDITION:
                        result = AccessPath.field(receiver, owner, CONDITION);
                        break;
                    case CURRENT_THREAD:
                        result = AccessPath.CURRENT_THREAD;
                        break;
                    default:
                        break;
                }
            } else if (call.returnsReference) {
                AccessPath returned = call.returnedPath();
                if (returned != null) {
                    AccessPath[] args = getFrame().arguments(obj, cpg);
                    result = returned.substitute(receiver, args);
                }
            }
        } catch (DataflowAnalysisException e) {
            throw new InvalidBytecodeException("stack underflow at invoke", e);
        }
        int consumed = call.wordsConsumed;
        int produced = call.wordsProduced;
        if (produced == 1) {
            modelInstruction(obj, consumed, 1, result);
        } else {
            modelNormalInstruction(obj, consumed, produced);
        }
    }
}
