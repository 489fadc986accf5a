package io.github.gridlock.cli.agentlink;

/** One stack frame of a run-time edge: where the agent saw a lock taken, or a caller of that place. */
public final class Frame {
    private final String className;
    private final String methodName;
    private final String fileName;
    private final int line;

    Frame(String className, String methodName, String fileName, int line) {
        this.className = className;
        this.methodName = methodName;
        this.fileName = fileName;
        this.line = line;
    }

    /**
     * Parses a frame as {@code StackTraceElement.toString()} writes it (the agent's JSON):
     * {@code [loader/][module@version/]pkg.Class.method(File.java:42)}, or {@code (Native Method)}, {@code (Unknown
     * Source)}, {@code (File.java)}. Returns null for anything else.
     */
    static Frame parse(String s) {
        int open = s.lastIndexOf('(');
        if (open < 0 || !s.endsWith(")")) {
            return null;
        }
        String qualified = s.substring(s.lastIndexOf('/', open) + 1, open);
        int dot = qualified.lastIndexOf('.');
        if (dot <= 0) {
            return null;
        }
        String where = s.substring(open + 1, s.length() - 1);
        int colon = where.lastIndexOf(':');
        int line = -1;
        String file = where;
        if (colon > 0) {
            try {
                line = Integer.parseInt(where.substring(colon + 1));
                file = where.substring(0, colon);
            } catch (NumberFormatException e) {
                line = -1;
            }
        }
        return new Frame(qualified.substring(0, dot), qualified.substring(dot + 1), file, line);
    }

    /** Binary class name, dotted: {@code com.acme.Bank$Account}. */
    public String className() {
        return className;
    }

    public String methodName() {
        return methodName;
    }

    public String fileName() {
        return fileName;
    }

    /** 1-based, or -1 when unknown. */
    public int line() {
        return line;
    }

    /** True for the JDK's own frames, which no static finding points at. */
    boolean isJdk() {
        return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.");
    }

    /** {@code pkg/File.java}, from the package and the file name (what SARIF locations use). */
    String sourcePath() {
        int dot = className.lastIndexOf('.');
        String dir = dot < 0 ? "" : className.substring(0, dot).replace('.', '/') + "/";
        String simple = className.substring(dot + 1);
        int dollar = simple.indexOf('$');
        return dir + (fileName != null && fileName.endsWith(".java") ? fileName
                : (dollar < 0 ? simple : simple.substring(0, dollar)) + ".java");
    }

    @Override
    public String toString() {
        return className + "." + methodName + "(" + fileName + (line > 0 ? ":" + line : "") + ")";
    }
}
