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
import org.apache.bcel.generic.Type;

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

    AccessPathVisitor(ConstantPoolGen cpg, Getters getters, LambdaSites lambdas) {
        super(cpg);
        this.getters = getters;
        this.lambdas = lambdas;
    }

    @Override
    public AccessPath getDefaultValue() {
        return AccessPath.UNKNOWN;
    }

    @Override
    public void visitGETSTATIC(GETSTATIC obj) {
        if (obj.getFieldType(cpg) instanceof org.apache.bcel.generic.ReferenceType) {
            String owner = getters.declaringClass(obj.getReferenceType(cpg).toString(), obj.getFieldName(cpg));
            modelInstruction(obj, 0, 1, AccessPath.staticField(owner, obj.getFieldName(cpg)));
        } else {
            handleNormalInstruction(obj);
        }
    }

    @Override
    public void visitGETFIELD(GETFIELD obj) {
        Type type = obj.getFieldType(cpg);
        if (type.getSize() != 1 || !(type instanceof org.apache.bcel.generic.ReferenceType)) {
            handleNormalInstruction(obj);
            return;
        }
        try {
            AccessPath receiver = getFrame().popValue();
            String owner = getters.declaringClass(obj.getReferenceType(cpg).toString(), obj.getFieldName(cpg));
            getFrame().pushValue(AccessPath.field(receiver, owner, obj.getFieldName(cpg)));
        } catch (DataflowAnalysisException e) {
            throw new InvalidBytecodeException("stack underflow at getfield", e);
        }
    }

    @Override
    public void visitNEW(NEW obj) {
        modelInstruction(obj, 0, 1, AccessPath.fresh(obj.getLoadClassType(cpg).getClassName(), getLocation().getHandle().getPosition()));
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
        AccessPath result = obj.getReturnType(cpg) instanceof org.apache.bcel.generic.ReferenceType
                ? AccessPath.result(getLocation().getHandle().getPosition()) : AccessPath.UNKNOWN;
        try {
            String owner = obj.getReferenceType(cpg).toString();
            String name = obj.getMethodName(cpg);
            String sig = obj.getSignature(cpg);
            AccessPath receiver = obj instanceof INVOKESTATIC ? null : getFrame().getInstance(obj, cpg);
            ConcurrencyApi.Entry api = ConcurrencyApi.lookup(owner, name, sig, obj instanceof INVOKESTATIC);
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
            } else if (obj.getReturnType(cpg) instanceof org.apache.bcel.generic.ReferenceType) {
                AccessPath returned = getters.returnedPath(owner, name, sig, obj instanceof INVOKESTATIC);
                if (returned != null) {
                    AccessPath[] args = getFrame().arguments(obj, cpg);
                    result = returned.substitute(receiver, args);
                }
            }
        } catch (DataflowAnalysisException e) {
            throw new InvalidBytecodeException("stack underflow at invoke", e);
        }
        int consumed = getNumWordsConsumed(obj);
        int produced = getNumWordsProduced(obj);
        if (produced == 1) {
            modelInstruction(obj, consumed, 1, result);
        } else {
            modelNormalInstruction(obj, consumed, produced);
        }
    }
}
