package io.github.gridlock.cli.engine;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.MethodAnnotation;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/** One reported bug instance, flattened for the writers. The underlying {@link BugInstance} stays available. */
public final class Finding {
    /** File, then line, then code: the order of every report. */
    public static final Comparator<Finding> REPORT_ORDER = Comparator
            .comparing((Finding f) -> f.sourcePath == null ? "\uffff" + f.className : f.sourcePath)
            .thenComparingInt(f -> f.startLine)
            .thenComparing(f -> f.code)
            .thenComparing(f -> f.message);

    private final BugInstance bug;
    private final String code;
    private final int priority;
    private final int rank;
    private final String className;
    private final String methodName;
    private final String methodSignature;
    private final String sourcePath;
    private final int startLine;
    private final int endLine;
    private final String message;
    private final String fingerprint;
    private final List<Site> otherSites = new ArrayList<>();
    private Path sourceFile;

    Finding(BugInstance bug) {
        this.bug = bug;
        this.code = bug.getType();
        this.priority = bug.getPriority();
        this.rank = bug.getBugRank();
        this.className = bug.getPrimaryClass() == null ? "" : bug.getPrimaryClass().getClassName();
        MethodAnnotation method = bug.getPrimaryMethod();
        this.methodName = method == null ? "" : method.getMethodName();
        this.methodSignature = method == null ? "" : method.getMethodSignature();
        SourceLineAnnotation line = bug.getPrimarySourceLineAnnotation();
        this.sourcePath = line == null ? null : knownSourcePath(line);
        this.startLine = line == null ? -1 : line.getStartLine();
        this.endLine = line == null ? -1 : line.getEndLine();
        this.message = bug.getMessageWithoutPrefix();
        this.fingerprint = fingerprint(code, className, methodName + methodSignature, lineFreeInstanceKey(bug));
        for (edu.umd.cs.findbugs.BugAnnotation a : bug.getAnnotations()) {
            if (a instanceof SourceLineAnnotation && a != line) {
                otherSites.add(new Site((SourceLineAnnotation) a));
            }
        }
    }

    /**
     * The annotation's source path, or null when the class file names no source file (release builds such as
     * Derby's): SpotBugs then says {@code org/apache/derby/<Unknown>}, which names no file a user can open, so the
     * reports show the class instead.
     */
    static String knownSourcePath(SourceLineAnnotation a) {
        String path = a.getSourcePath();
        return path == null || path.endsWith(SourceLineAnnotation.UNKNOWN_SOURCE_FILE) ? null : path;
    }

    /**
     * A place that belongs to a finding besides its primary line: another edge of a lock-order cycle, a call on
     * the way to the blocking call. Each is a source line the detector added, with SpotBugs' words for its role.
     */
    public static final class Site {
        private final String sourcePath;
        private final String className;
        private final int startLine;
        private final int endLine;
        private final String description;
        private Path sourceFile;

        Site(SourceLineAnnotation a) {
            this.sourcePath = knownSourcePath(a);
            this.className = a.getClassName();
            this.startLine = a.getStartLine();
            this.endLine = a.getEndLine();
            this.description = describe(a);
        }

        private static String describe(SourceLineAnnotation a) {
            String where = a.getSourceFile() + (a.getStartLine() > 0 ? ":" + a.getStartLine() : "");
            String template = edu.umd.cs.findbugs.I18N.instance().getAnnotationDescription(a.getDescription());
            if (template == null || !template.contains("{0}")) {
                return "Another site of this finding at " + where;
            }
            return template.replace("{0}", where);
        }

        /** Source path relative to a source root, like {@link Finding#sourcePath()}; null when unknown. */
        public String sourcePath() {
            return sourcePath;
        }

        public String className() {
            return className;
        }

        public int startLine() {
            return startLine;
        }

        public int endLine() {
            return endLine;
        }

        /** What this place is, e.g. "Another occurrence at Ledger.java:25". */
        public String description() {
            return description;
        }

        /** The source file found on disk under one of the source roots, or null. */
        public Path sourceFile() {
            return sourceFile;
        }

        void setSourceFile(Path sourceFile) {
            this.sourceFile = sourceFile;
        }
    }

    /** Line references inside message strings: "(line 37", "size():31". */
    private static final java.util.regex.Pattern LINE_REFERENCE =
            java.util.regex.Pattern.compile("(?<=\\(\\)):\\d+|(?<=\\bline )\\d+");

    /**
     * SpotBugs' instance key (what its instance hash digests: the bug type and the significant annotations —
     * classes, methods, fields, local variables, strings), with the line numbers that message strings mention
     * taken out: a lock-order finding names the line of each edge, and moving code must not make it new.
     */
    public static String lineFreeInstanceKey(BugInstance bug) {
        StringBuilder key = new StringBuilder(bug.getType());
        for (edu.umd.cs.findbugs.BugAnnotation a : bug.getAnnotations()) {
            if (a.isSignificant() || a instanceof edu.umd.cs.findbugs.IntAnnotation
                    || a instanceof edu.umd.cs.findbugs.LocalVariableAnnotation) {
                String hashed = a.format("hash", null);
                key.append(':').append(a instanceof edu.umd.cs.findbugs.StringAnnotation
                        ? LINE_REFERENCE.matcher(hashed).replaceAll("") : hashed);
            }
        }
        return key.toString();
    }

    /**
     * The stable identity of a finding across scans: bug code, class, method and SpotBugs' instance key without
     * line numbers (see {@link #lineFreeInstanceKey}). Edits that only move code keep it; a finding in another
     * method or about another field or lock gets another one.
     */
    public static String fingerprint(String code, String className, String method, String instanceKey) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String key = code + '|' + className + '|' + method + '|' + instanceKey;
            byte[] hash = digest.digest(key.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                hex.append(String.format("%02x", hash[i]));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public BugInstance bug() {
        return bug;
    }

    /** The bug pattern type, e.g. {@code GL_RUN_INSTEAD_OF_START}. */
    public String code() {
        return code;
    }

    /** SpotBugs priority: 1 high, 2 medium (normal), 3 low. */
    public int priority() {
        return priority;
    }

    public int rank() {
        return rank;
    }

    public String className() {
        return className;
    }

    public String methodName() {
        return methodName;
    }

    public String methodSignature() {
        return methodSignature;
    }

    /** Source path relative to a source root, e.g. {@code io/github/x/Foo.java}; null when unknown. */
    public String sourcePath() {
        return sourcePath;
    }

    /** 1-based line, or -1 when the class has no line numbers. */
    public int startLine() {
        return startLine;
    }

    public int endLine() {
        return endLine;
    }

    public String message() {
        return message;
    }

    public String fingerprint() {
        return fingerprint;
    }

    /** The source file found on disk under one of the source roots, or null. */
    public Path sourceFile() {
        return sourceFile;
    }

    /** The finding's other places, in the order the detector added them (empty for a single-site finding). */
    public List<Site> otherSites() {
        return Collections.unmodifiableList(otherSites);
    }

    void setSourceFile(Path sourceFile) {
        this.sourceFile = sourceFile;
    }

    public String priorityName() {
        switch (priority) {
        case 1:
            return "high";
        case 2:
            return "medium";
        default:
            return "low";
        }
    }

    @Override
    public String toString() {
        return (sourcePath == null ? className : sourcePath) + ":" + startLine + " " + code + " " + message;
    }
}
