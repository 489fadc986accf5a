package io.github.gridlock.cli.engine;

import java.util.Objects;

/**
 * Something that kept part of a scan from happening, named after the file it concerns.
 * Problems are reported on stderr and decide the exit code; they never stop the rest of the scan.
 */
public final class Problem {
    /** What went wrong, which also decides the exit code. */
    public enum Kind {
        /** A path, class file, jar, aux classpath entry or option file the user gave us is unusable; the rest is not. */
        INPUT,
        /** A class could not be analysed (the analysis crashed on it; it was left out); the rest was. */
        ANALYSIS,
        /** The engine or the plugin failed: the report cannot be trusted (plugin missing, engine failure, memory). */
        FAILURE,
        /** Worth knowing, but nothing that could be analysed was lost (an empty jar, a duplicate class). */
        WARNING
    }

    private final Kind kind;
    private final String file;
    private final String message;

    public Problem(Kind kind, String file, String message) {
        this.kind = Objects.requireNonNull(kind);
        this.file = file;
        this.message = Objects.requireNonNull(message);
    }

    public Kind kind() {
        return kind;
    }

    /** The file (or jar entry, as {@code jar!/entry}) concerned, or null when none is known. */
    public String file() {
        return file;
    }

    public String message() {
        return message;
    }

    @Override
    public String toString() {
        String prefix = kind == Kind.INPUT ? "input error" : kind == Kind.WARNING ? "warning" : "analysis error";
        return file == null ? prefix + ": " + message : prefix + ": " + file + ": " + message;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Problem)) {
            return false;
        }
        Problem p = (Problem) o;
        return kind == p.kind && Objects.equals(file, p.file) && message.equals(p.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, file, message);
    }
}
