package io.github.gridlock.detectors.analysis;

import java.util.Objects;

/**
 * The abstract identity of an object reference, as far as a static analysis can tell.
 *
 * <p>Two references with equal access paths denote the same object at run time only when the path
 * is {@link #isStable() stable}: {@code this}, a parameter, a static field, a class literal, and
 * fields reached from those. Instance-field paths from different bases are different objects
 * ({@code this.lock} vs {@code other.lock}); the same field read twice from the same base is taken
 * to be the same object, because lock and thread fields are in practice assigned once. A
 * {@link Kind#FRESH} path is an object allocated in the method at one site, a {@link Kind#RESULT}
 * path the value a call returned at one site; a {@link Kind#UNKNOWN}
 * path is never equal to anything the analysis can name, so no fact is ever attached to it.
 */
public final class AccessPath {

    /** What the root of a path is. */
    public enum Kind {
        THIS, PARAMETER, STATIC_FIELD, FIELD, CLASS_LITERAL, FRESH, RESULT, CURRENT_THREAD, CLOSURE, UNKNOWN
    }

    /** Longest field chain kept; longer chains are cut to UNKNOWN so recursive structures stay finite. */
    static final int MAX_DEPTH = 4;

    public static final AccessPath THIS = new AccessPath(Kind.THIS, null, null, null, -1, null);
    public static final AccessPath CURRENT_THREAD = new AccessPath(Kind.CURRENT_THREAD, null, null, null, -1, null);
    public static final AccessPath UNKNOWN = new AccessPath(Kind.UNKNOWN, null, null, null, -1, null);

    /** Parameters with small indexes, made once: every method's entry frame names them. */
    private static final AccessPath[] PARAMETERS = new AccessPath[32];

    static {
        for (int i = 0; i < PARAMETERS.length; i++) {
            PARAMETERS[i] = new AccessPath(Kind.PARAMETER, null, null, null, i, null);
        }
    }

    /**
     * The paths made most recently, by hash: a path made again ({@code this.lock} at every transfer of every
     * dataflow, and in every summary that mentions it) is then the instance made before, so the summaries, which
     * the analysis keeps to its end, hold one copy of each rather than one per mention. Paths are immutable and
     * nothing compares them by identity, so which instance a factory returns changes no answer; the table is
     * bounded and lossy (a slot keeps the last path of its hash), holds only values (never a closure, which
     * names methods), and a race between two analyses' threads at worst stores one equal path over another.
     */
    private static final AccessPath[] RECENT = new AccessPath[1 << 14];

    private final Kind kind;
    private final AccessPath base;
    /** Declaring class (dotted) for fields, the class for class literals and fresh objects. */
    private final String owner;
    /** Field name for fields. */
    private final String name;
    /** Parameter index (0-based, excluding this) for parameters; bytecode offset for fresh objects. */
    private final int index;
    /** The lambda or method reference, for {@link Kind#CLOSURE}. */
    private final Closure closure;
    private final int hash;

    private AccessPath(Kind kind, AccessPath base, String owner, String name, int index, Closure closure) {
        this.kind = kind;
        this.base = base;
        this.owner = owner;
        this.name = name;
        this.index = index;
        this.closure = closure;
        // Objects.hash(kind, base, owner, name, index, closure), without its array and boxed index: the same value.
        int h = 31 + Objects.hashCode(kind);
        h = 31 * h + Objects.hashCode(base);
        h = 31 * h + Objects.hashCode(owner);
        h = 31 * h + Objects.hashCode(name);
        h = 31 * h + Integer.hashCode(index);
        this.hash = 31 * h + Objects.hashCode(closure);
    }

    private static final AccessPath[] NONE = new AccessPath[0];

    /** A copy of {@code paths}; for none, one shared empty array (summaries keep many calls without arguments). */
    static AccessPath[] copyOf(AccessPath[] paths) {
        return paths.length == 0 ? NONE : paths.clone();
    }

    public static AccessPath parameter(int index) {
        if (index >= 0 && index < PARAMETERS.length) {
            return PARAMETERS[index];
        }
        return new AccessPath(Kind.PARAMETER, null, null, null, index, null);
    }

    public static AccessPath staticField(String owner, String name) {
        return canonical(new AccessPath(Kind.STATIC_FIELD, null, owner, name, -1, null));
    }

    /** The instance of {@link #RECENT} equal to {@code made}, or {@code made}, now the one kept. */
    private static AccessPath canonical(AccessPath made) {
        int h = made.hash ^ (made.hash >>> 16);
        int slot = h & (RECENT.length - 1);
        AccessPath recent = RECENT[slot];
        if (recent != null && recent.equals(made)) {
            return recent;
        }
        RECENT[slot] = made;
        return made;
    }

    /** A field of {@code base}; UNKNOWN if the base is unknown, fresh (not shared) or the chain is too long. */
    public static AccessPath field(AccessPath base, String owner, String name) {
        if (!base.isStable() || base.depth() >= MAX_DEPTH) {
            return UNKNOWN;
        }
        return canonical(new AccessPath(Kind.FIELD, base, owner, name, -1, null));
    }

    public static AccessPath classLiteral(String className) {
        return canonical(new AccessPath(Kind.CLASS_LITERAL, null, className, null, -1, null));
    }

    public static AccessPath fresh(String className, int pc) {
        return canonical(new AccessPath(Kind.FRESH, null, className, null, pc, null));
    }

    /**
     * The value a call or array load produced at {@code pc}: a different object each time the
     * instruction runs, so facts about it are killed when the instruction runs again (in a loop).
     */
    public static AccessPath result(int pc) {
        return canonical(new AccessPath(Kind.RESULT, null, null, null, pc, null));
    }

    /** The functional object a lambda or method reference site made at {@code pc}. */
    public static AccessPath closure(Closure closure, int pc) {
        return new AccessPath(Kind.CLOSURE, null, closure.implementationClass(), null, pc, closure);
    }

    /** True for FRESH, RESULT and CLOSURE paths produced at {@code pc}. */
    public boolean isProducedAt(int pc) {
        return (kind == Kind.FRESH || kind == Kind.RESULT || kind == Kind.CLOSURE) && index == pc;
    }

    /** The lambda or method reference of a {@link Kind#CLOSURE} path; null for other kinds. */
    public Closure closure() {
        return closure;
    }

    /** True when this path is {@code prefix} or a field reached from it ({@code this.a.b} has prefix {@code this.a}). */
    public boolean hasPrefix(AccessPath prefix) {
        for (AccessPath q = this; q != null; q = q.base) {
            if (q.equals(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** True when the path is, or is reached through, one of {@code prefixes}. */
    public boolean hasPrefixIn(java.util.Collection<AccessPath> prefixes) {
        for (AccessPath prefix : prefixes) {
            if (hasPrefix(prefix)) {
                return true;
            }
        }
        return false;
    }

    public Kind kind() {
        return kind;
    }

    public AccessPath base() {
        return base;
    }

    public String owner() {
        return owner;
    }

    public String name() {
        return name;
    }

    /** Parameter index for {@link Kind#PARAMETER}, allocation offset for {@link Kind#FRESH}. */
    public int index() {
        return index;
    }

    /** True when the path names the same object everywhere in the method (and, via summaries, in callers). */
    public boolean isStable() {
        switch (kind) {
            case THIS:
            case PARAMETER:
            case STATIC_FIELD:
            case CLASS_LITERAL:
            case CURRENT_THREAD:
                return true;
            case FIELD:
                return base.isStable();
            default:
                return false;
        }
    }

    public boolean isKnown() {
        return kind != Kind.UNKNOWN;
    }

    /** The root of a field chain: THIS, PARAMETER, STATIC_FIELD, ... */
    public AccessPath root() {
        AccessPath p = this;
        while (p.kind == Kind.FIELD) {
            p = p.base;
        }
        return p;
    }

    int depth() {
        return kind == Kind.FIELD ? 1 + base.depth() : 0;
    }

    /**
     * Rewrites a path seen inside a callee into the caller's terms: {@code this} becomes the
     * receiver, parameter i becomes argument i. Fresh objects of the callee are not visible to the
     * caller and become UNKNOWN, except an object the callee returns, which callers track on their own.
     */
    public AccessPath substitute(AccessPath receiver, AccessPath[] arguments) {
        switch (kind) {
            case THIS:
                return receiver == null ? UNKNOWN : receiver;
            case PARAMETER:
                return index < arguments.length && arguments[index] != null ? arguments[index] : UNKNOWN;
            case FIELD:
                return field(base.substitute(receiver, arguments), owner, name);
            case CLOSURE:
                Closure mapped = closure.substitute(receiver, arguments);
                return mapped == closure ? this : new AccessPath(Kind.CLOSURE, null, owner, null, index, mapped);
            case FRESH:
            case RESULT:
            case UNKNOWN:
                return UNKNOWN;
            default:
                return this;
        }
    }

    /** A short, human-readable name, e.g. {@code this.lock}, {@code Holder.LOCK_A}, {@code from}. */
    public String describe() {
        switch (kind) {
            case THIS:
                return "this";
            case PARAMETER:
                return "param#" + index;
            case STATIC_FIELD:
                return simpleName(owner) + "." + name;
            case FIELD:
                return base.describe() + "." + name;
            case CLASS_LITERAL:
                return simpleName(owner) + ".class";
            case FRESH:
                return "new " + simpleName(owner) + "@" + index;
            case CURRENT_THREAD:
                return "Thread.currentThread()";
            case RESULT:
                return "result@" + index;
            case CLOSURE:
                return closure.describe() + "@" + index;
            default:
                return "?";
        }
    }

    /** Like {@link #describe()}, but without the bytecode offsets that mean nothing to a reader. */
    public String describeForUser() {
        switch (kind) {
            case FRESH:
                return "a new " + simpleName(owner);
            case RESULT:
                return "the value returned at this point";
            case CLOSURE:
                return closure.describe();
            case FIELD:
                return base.describeForUser() + "." + name;
            case UNKNOWN:
                return "an object computed at run time";
            default:
                return describe();
        }
    }

    public static String simpleName(String dottedClassName) {
        if (dottedClassName == null) {
            return "?";
        }
        int dot = dottedClassName.lastIndexOf('.');
        return dot < 0 ? dottedClassName : dottedClassName.substring(dot + 1);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AccessPath)) {
            return false;
        }
        AccessPath other = (AccessPath) o;
        return hash == other.hash && kind == other.kind && index == other.index
                && Objects.equals(base, other.base) && Objects.equals(owner, other.owner)
                && Objects.equals(name, other.name) && Objects.equals(closure, other.closure);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return describe();
    }
}
