package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import org.apache.bcel.Const;

import java.util.Arrays;
import java.util.Objects;

/**
 * A functional object made by a {@code LambdaMetafactory} call site: a lambda or a method reference. It
 * knows the method it runs (its implementation) and the values it captured, so invoking its functional
 * method is a call to the implementation with the captured values first: {@code () -> count(n)} compiled to
 * {@code lambda$run$0(int n)} and invoked as {@code r.run()} calls {@code lambda$run$0(n)}; {@code this::flush}
 * invoked calls {@code this.flush()}.
 */
public final class Closure {
    private final String samName;
    private final String implClass;
    private final String implName;
    private final String implSignature;
    private final int implKind;
    private final AccessPath[] captures;
    private final int pc;

    Closure(String samName, String implClass, String implName, String implSignature, int implKind,
            AccessPath[] captures, int pc) {
        this.samName = samName;
        this.implClass = implClass;
        this.implName = implName;
        this.implSignature = implSignature;
        this.implKind = implKind;
        this.captures = captures.clone();
        this.pc = pc;
    }

    /** The functional interface method that runs it ({@code run}, {@code call}, {@code accept}, ...). */
    public String samName() {
        return samName;
    }

    /** The implementation method (dotted class name in the descriptor's class). */
    public MethodDescriptor implementation() {
        return DescriptorFactory.instance().getMethodDescriptor(implClass.replace('.', '/'), implName, implSignature,
                implKind == Const.REF_invokeStatic);
    }

    /** Dotted name of the implementation's class. */
    public String implementationClass() {
        return implClass;
    }

    /** True for a method reference that dispatches on its receiver ({@code sink::flush} with {@code sink} an interface). */
    public boolean isVirtual() {
        return implKind == Const.REF_invokeVirtual || implKind == Const.REF_invokeInterface;
    }

    /** True for {@code Foo::new}: invoking it constructs an object. */
    public boolean isConstructor() {
        return implKind == Const.REF_newInvokeSpecial;
    }

    /** The captured values, first captured first. */
    public AccessPath[] captures() {
        return captures.clone();
    }

    /**
     * The receiver of the implementation when the closure is invoked with {@code samArguments}: the first
     * captured value (or the first argument of an unbound method reference) for instance methods, a fresh
     * object for constructor references, null for static implementations.
     */
    public AccessPath receiverFor(AccessPath[] samArguments) {
        switch (implKind) {
            case Const.REF_invokeStatic:
                return null;
            case Const.REF_newInvokeSpecial:
                return AccessPath.fresh(implClass, pc);
            default:
                AccessPath[] all = allArguments(samArguments);
                return all.length == 0 ? AccessPath.UNKNOWN : all[0];
        }
    }

    /** The implementation's arguments (after its receiver) when the closure is invoked with {@code samArguments}. */
    public AccessPath[] argumentsFor(AccessPath[] samArguments) {
        AccessPath[] all = allArguments(samArguments);
        if (implKind == Const.REF_invokeStatic || implKind == Const.REF_newInvokeSpecial || all.length == 0) {
            return all;
        }
        return Arrays.copyOfRange(all, 1, all.length);
    }

    private AccessPath[] allArguments(AccessPath[] samArguments) {
        AccessPath[] all = Arrays.copyOf(captures, captures.length + samArguments.length);
        System.arraycopy(samArguments, 0, all, captures.length, samArguments.length);
        return all;
    }

    /** The same closure with its captured values rewritten into a caller's terms. */
    Closure substitute(AccessPath receiver, AccessPath[] arguments) {
        AccessPath[] mapped = new AccessPath[captures.length];
        boolean changed = false;
        for (int i = 0; i < captures.length; i++) {
            mapped[i] = captures[i].substitute(receiver, arguments);
            changed |= !mapped[i].equals(captures[i]);
        }
        return changed ? new Closure(samName, implClass, implName, implSignature, implKind, mapped, pc) : this;
    }

    /** For messages: {@code lambda in Spooler.print()} or {@code Spooler::flush}. */
    public String describe() {
        String owner = AccessPath.simpleName(implClass);
        if (implName.startsWith("lambda$")) {
            String[] parts = implName.split("\\$");
            return "lambda in " + owner + (parts.length > 1 ? "." + parts[1] + "()" : "");
        }
        return owner + "::" + (isConstructor() ? "new" : implName);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Closure)) {
            return false;
        }
        Closure c = (Closure) o;
        return pc == c.pc && implKind == c.implKind && implName.equals(c.implName) && implClass.equals(c.implClass)
                && implSignature.equals(c.implSignature) && samName.equals(c.samName) && Arrays.equals(captures, c.captures);
    }

    @Override
    public int hashCode() {
        return Objects.hash(implClass, implName, implSignature, pc) * 31 + Arrays.hashCode(captures);
    }

    @Override
    public String toString() {
        return describe();
    }
}
