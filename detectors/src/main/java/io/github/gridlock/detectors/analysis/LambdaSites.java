package io.github.gridlock.detectors.analysis;

import org.apache.bcel.Const;
import org.apache.bcel.classfile.Attribute;
import org.apache.bcel.classfile.BootstrapMethod;
import org.apache.bcel.classfile.BootstrapMethods;
import org.apache.bcel.classfile.ConstantCP;
import org.apache.bcel.classfile.ConstantInvokeDynamic;
import org.apache.bcel.classfile.ConstantMethodHandle;
import org.apache.bcel.classfile.ConstantNameAndType;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.JavaClass;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads {@code invokedynamic} call sites through the class's {@code BootstrapMethods} attribute. A site whose
 * bootstrap is {@code LambdaMetafactory.metafactory} or {@code altMetafactory} makes a {@link Closure}; every
 * other bootstrap ({@code StringConcatFactory}, records' {@code ObjectMethods}, ...) makes a value the analysis
 * knows nothing about, which is what it is for locks and threads.
 */
final class LambdaSites {
    private static final String METAFACTORY = "java/lang/invoke/LambdaMetafactory";

    /** What a lambda site makes, before the captured values are known. */
    static final class Shape {
        final String samName;
        final String implClass;
        final String implName;
        final String implSignature;
        final int implKind;

        Shape(String samName, String implClass, String implName, String implSignature, int implKind) {
            this.samName = samName;
            this.implClass = implClass;
            this.implName = implName;
            this.implSignature = implSignature;
            this.implKind = implKind;
        }

        Closure withCaptures(AccessPath[] captures, int pc) {
            return new Closure(samName, implClass, implName, implSignature, implKind, captures, pc);
        }
    }

    private static final Shape NOT_A_LAMBDA = new Shape("", "", "", "", -1);
    private final JavaClass javaClass;
    private final Map<Integer, Shape> byIndex = new HashMap<>();

    LambdaSites(JavaClass javaClass) {
        this.javaClass = javaClass;
    }

    /** The shape of the lambda made by the {@code invokedynamic} with constant-pool index {@code index}, or null. */
    Shape shapeOf(int index) {
        Shape s = byIndex.computeIfAbsent(index, this::read);
        return s == NOT_A_LAMBDA ? null : s;
    }

    private Shape read(int index) {
        ConstantPool cp = javaClass.getConstantPool();
        ConstantInvokeDynamic indy = cp.getConstant(index, ConstantInvokeDynamic.class);
        BootstrapMethods table = bootstrapMethods();
        if (table == null || indy.getBootstrapMethodAttrIndex() >= table.getBootstrapMethods().length) {
            return NOT_A_LAMBDA;
        }
        BootstrapMethod bootstrap = table.getBootstrapMethods()[indy.getBootstrapMethodAttrIndex()];
        ConstantMethodHandle factory = cp.getConstant(bootstrap.getBootstrapMethodRef(), ConstantMethodHandle.class);
        ConstantCP factoryRef = cp.getConstant(factory.getReferenceIndex(), ConstantCP.class);
        if (!METAFACTORY.equals(factoryRef.getClass(cp).replace('.', '/')) || bootstrap.getNumBootstrapArguments() < 2) {
            return NOT_A_LAMBDA;
        }
        ConstantMethodHandle impl = cp.getConstant(bootstrap.getBootstrapArguments()[1], ConstantMethodHandle.class);
        ConstantCP implRef = cp.getConstant(impl.getReferenceIndex(), ConstantCP.class);
        ConstantNameAndType implNat = cp.getConstant(implRef.getNameAndTypeIndex(), ConstantNameAndType.class);
        ConstantNameAndType samNat = cp.getConstant(indy.getNameAndTypeIndex(), ConstantNameAndType.class);
        int kind = impl.getReferenceKind();
        if (kind < Const.REF_invokeVirtual || kind > Const.REF_invokeInterface) {
            return NOT_A_LAMBDA;
        }
        return new Shape(samNat.getName(cp), implRef.getClass(cp).replace('/', '.'), implNat.getName(cp),
                implNat.getSignature(cp), kind);
    }

    private BootstrapMethods bootstrapMethods() {
        for (Attribute a : javaClass.getAttributes()) {
            if (a instanceof BootstrapMethods) {
                return (BootstrapMethods) a;
            }
        }
        return null;
    }
}
