package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.classfile.MethodDescriptor;

/** Method names as a reader of a message knows them: a lambda body is "the lambda in" the method that wrote it. */
public final class MethodNames {
    private MethodNames() {
    }

    /** {@code Spooler.flush()}, or {@code the lambda in Spooler.print()} for javac's {@code lambda$print$0}. */
    public static String describe(MethodDescriptor method) {
        return describe(method.getSlashedClassName().replace('/', '.'), method.getName());
    }

    /** Like {@link #describe(MethodDescriptor)} for a dotted class name and a method name. */
    public static String describe(String dottedClass, String name) {
        String cls = AccessPath.simpleName(dottedClass);
        if (name.startsWith("lambda$")) {
            String[] parts = name.split("\\$");
            String enclosing = parts.length > 1 && !parts[1].isEmpty() && !parts[1].equals("static") && !parts[1].equals("new")
                    ? parts[1] : null;
            return enclosing == null ? "a lambda in " + cls : "the lambda in " + cls + "." + enclosing + "()";
        }
        return cls + "." + name + "()";
    }

    /**
     * {@code Pool.evict():212}, or {@code Pool.evict()} when the class file has no line numbers (release builds
     * such as Derby's are compiled without them), so that a message never says {@code :-1}.
     */
    public static String at(MethodDescriptor method, int line) {
        return describe(method) + (line > 0 ? ":" + line : "");
    }
}
