package io.github.gridlock.cli.engine;

import java.util.HashSet;
import java.util.Set;

/**
 * Checks that a class file is well formed, as the JVM's format checker does (JVMS chapter 4: 4.1 to 4.7, 4.8's
 * format checks and 4.9.1's static constraints on code), before SpotBugs reads it: a constant pool whose references
 * point to entries of the right kind, names and descriptors in the JVM's format, strict modified UTF-8, instructions
 * that decode, with constant pool operands of the right kind and branch targets on instruction starts, attributes
 * whose contents fit their lengths, and nothing after the last attribute.
 *
 * <p>Why not leave this to SpotBugs: its readers (its own constant pool parser, ASM and BCEL) are lenient in
 * different places, and a damaged class that one of them accepts is then half read by the others. A class name
 * not in the JVM's format stops the whole scan (SpotBugs' class path builder throws), and damaged descriptors,
 * constant pool references or code make the classes that use the damaged class fail too. A class this check
 * accepts is one the JVM would load (bytecode verification aside, which needs the other classes).
 *
 * <p>What is deliberately not checked here: the data-flow verification of code (JVMS 4.10; the part that needs no
 * other class is {@code InputInspector.codeThatDoesNotVerify}, after ASM has read the class), the contents of
 * stack map frames and type annotations (their lengths are; generic signatures are read with ASM's reader),
 * local-variable table ranges (compilers and obfuscators write odd ones the JVM accepts) and the minor version.
 */
final class ClassFileCheck {
    private static final int UTF8 = 1;
    private static final int INTEGER = 3;
    private static final int FLOAT = 4;
    private static final int LONG = 5;
    private static final int DOUBLE = 6;
    private static final int CLASS = 7;
    private static final int STRING = 8;
    private static final int FIELDREF = 9;
    private static final int METHODREF = 10;
    private static final int INTERFACE_METHODREF = 11;
    private static final int NAME_AND_TYPE = 12;
    private static final int METHOD_HANDLE = 15;
    private static final int METHOD_TYPE = 16;
    private static final int DYNAMIC = 17;
    private static final int INVOKE_DYNAMIC = 18;
    private static final int MODULE = 19;
    private static final int PACKAGE = 20;

    private static final int ACC_NATIVE = 0x0100;
    private static final int ACC_ABSTRACT = 0x0400;

    /** The outcome: the class's name (slashed), when it could be read, and the defect, if any. */
    static final class Result {
        final String className;
        final String defect;

        Result(String className, String defect) {
            this.className = className;
            this.defect = defect;
        }

        boolean ok() {
            return defect == null;
        }
    }

    /** A defect found: the message is the reason shown to the user. */
    private static final class Defect extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Defect(String message) {
            super(message, null, false, false);
        }
    }

    private final byte[] b;
    private int pos;
    private int[] tags;
    private int[] offsets;
    private String[] utf8;
    private int major;
    private String className;
    private int bootstrapMethodCount = -1;
    private int maxBootstrapReference = -1;

    private ClassFileCheck(byte[] bytes) {
        this.b = bytes;
    }

    /** Checks one class file; never throws. */
    static Result check(byte[] bytes) {
        ClassFileCheck check = new ClassFileCheck(bytes);
        try {
            check.classFile();
            return new Result(check.className, null);
        } catch (Defect d) {
            return new Result(check.className, d.getMessage());
        } catch (RuntimeException e) {
            // An index this check computed from damaged data went out of the file: say where, not how.
            return new Result(check.className, "malformed at byte " + check.pos + " of " + bytes.length);
        }
    }

    private void classFile() {
        if (b.length < 10) {
            throw new Defect("truncated header");
        }
        pos = 4;
        u2(); // minor version: not checked
        major = u2();
        if (major < 45) {
            throw new Defect("invalid class file version " + major);
        }
        constantPool();
        u2(); // access flags
        int thisClass = u2();
        expect(thisClass, CLASS, "this class");
        className = utf8[u2at(offsets[thisClass])];
        int superClass = u2();
        if (superClass != 0) {
            expect(superClass, CLASS, "super class");
            if (className(superClass).startsWith("[")) {
                throw new Defect("super class is an array type");
            }
        }
        int interfaces = u2();
        for (int i = 0; i < interfaces; i++) {
            expect(u2(), CLASS, "interface");
        }
        members(false);
        members(true);
        attributes("class", null);
        if (pos != b.length) {
            throw new Defect((b.length - pos) + " extra bytes at the end of the class file");
        }
        if (maxBootstrapReference >= 0 && maxBootstrapReference >= Math.max(bootstrapMethodCount, 0)) {
            throw new Defect("bootstrap method #" + maxBootstrapReference + " referenced, "
                    + Math.max(bootstrapMethodCount, 0) + " declared");
        }
    }

    // ---- constant pool ----

    private void constantPool() {
        int count = u2();
        if (count == 0) {
            throw new Defect("empty constant pool");
        }
        tags = new int[count];
        offsets = new int[count];
        utf8 = new String[count];
        for (int i = 1; i < count; i++) {
            int tag = u1();
            tags[i] = tag;
            offsets[i] = pos;
            switch (tag) {
            case UTF8:
                utf8[i] = modifiedUtf8(i);
                break;
            case INTEGER:
            case FLOAT:
            case FIELDREF:
            case METHODREF:
            case INTERFACE_METHODREF:
            case NAME_AND_TYPE:
            case DYNAMIC:
            case INVOKE_DYNAMIC:
                skip(4);
                break;
            case LONG:
            case DOUBLE:
                skip(8);
                i++;
                if (i >= count) {
                    throw new Defect("constant pool entry #" + (i - 1) + " (8 bytes) is the last one");
                }
                break;
            case CLASS:
            case STRING:
            case METHOD_TYPE:
            case MODULE:
            case PACKAGE:
                skip(2);
                break;
            case METHOD_HANDLE:
                skip(3);
                break;
            default:
                throw new Defect("constant pool entry #" + i + " has the unknown tag " + tag);
            }
        }
        // Names and types first: the member references, method handles and dynamic constants read them.
        for (int i = 1; i < count; i++) {
            checkEntry(i, true);
        }
        for (int i = 1; i < count; i++) {
            checkEntry(i, false);
        }
    }

    private String modifiedUtf8(int index) {
        int length = u2();
        int end = pos + length;
        if (end > b.length) {
            throw new Defect("constant pool entry #" + index + " runs past the end of the file");
        }
        StringBuilder s = new StringBuilder(length);
        while (pos < end) {
            int c = b[pos++] & 0xFF;
            if (c < 0x80) {
                s.append((char) c);
            } else if ((c & 0xE0) == 0xC0) {
                s.append((char) (((c & 0x1F) << 6) | continuation(end, index)));
            } else if ((c & 0xF0) == 0xE0) {
                int second = continuation(end, index);
                s.append((char) (((c & 0x0F) << 12) | (second << 6) | continuation(end, index)));
            } else {
                throw new Defect("constant pool entry #" + index + " is not valid modified UTF-8");
            }
        }
        return s.toString();
    }

    private int continuation(int end, int index) {
        if (pos >= end || (b[pos] & 0xC0) != 0x80) {
            throw new Defect("constant pool entry #" + index + " is not valid modified UTF-8");
        }
        return b[pos++] & 0x3F;
    }

    private void checkEntry(int i, boolean namesAndTypes) {
        int at = offsets[i];
        int tag = tags[i];
        boolean refersToNamesAndTypes = tag == FIELDREF || tag == METHODREF || tag == INTERFACE_METHODREF
                || tag == METHOD_HANDLE || tag == DYNAMIC || tag == INVOKE_DYNAMIC;
        if (namesAndTypes == refersToNamesAndTypes) {
            return;
        }
        switch (tag) {
        case CLASS:
            expect(u2at(at), UTF8, "class name of #" + i);
            String name = utf8[u2at(at)];
            if (!(isClassName(name) || name.startsWith("[") && isFieldDescriptor(name))) {
                throw new Defect("constant pool entry #" + i + " names the class \"" + name
                        + "\", which is not a class name");
            }
            break;
        case STRING:
        case MODULE:
        case PACKAGE:
            expect(u2at(at), UTF8, "entry #" + i);
            break;
        case METHOD_TYPE:
            expect(u2at(at), UTF8, "descriptor of #" + i);
            requireMethodDescriptor(utf8[u2at(at)], i);
            break;
        case FIELDREF:
        case METHODREF:
        case INTERFACE_METHODREF:
            expect(u2at(at), CLASS, "class of member reference #" + i);
            expect(u2at(at + 2), NAME_AND_TYPE, "name and type of member reference #" + i);
            memberReference(i, u2at(at + 2));
            break;
        case NAME_AND_TYPE:
            expect(u2at(at), UTF8, "name of #" + i);
            expect(u2at(at + 2), UTF8, "descriptor of #" + i);
            break;
        case METHOD_HANDLE:
            methodHandle(i, b[at] & 0xFF, u2at(at + 1));
            break;
        case DYNAMIC:
        case INVOKE_DYNAMIC:
            maxBootstrapReference = Math.max(maxBootstrapReference, u2at(at));
            expect(u2at(at + 2), NAME_AND_TYPE, "name and type of #" + i);
            String descriptor = utf8[u2at(offsets[u2at(at + 2)] + 2)];
            if (tags[i] == DYNAMIC ? !isFieldDescriptor(descriptor) : !isMethodDescriptor(descriptor)) {
                throw new Defect("constant pool entry #" + i + " has the invalid descriptor \"" + descriptor + "\"");
            }
            break;
        default:
            break;
        }
    }

    private void memberReference(int i, int nameAndType) {
        String name = utf8[u2at(offsets[nameAndType])];
        String descriptor = utf8[u2at(offsets[nameAndType] + 2)];
        if (tags[i] == FIELDREF) {
            if (!isUnqualifiedName(name) || !isFieldDescriptor(descriptor)) {
                throw new Defect("constant pool entry #" + i + " refers to the field \"" + name + "\" of type \""
                        + descriptor + "\", which is not a valid field reference");
            }
            return;
        }
        boolean special = tags[i] == METHODREF && name.equals("<init>");
        if (!(special || isMethodName(name)) || !isMethodDescriptor(descriptor)
                || special && !descriptor.endsWith(")V")) {
            throw new Defect("constant pool entry #" + i + " refers to the method \"" + name + descriptor
                    + "\", which is not a valid method reference");
        }
    }

    private void methodHandle(int i, int kind, int reference) {
        if (kind < 1 || kind > 9) {
            throw new Defect("constant pool entry #" + i + " has the invalid method handle kind " + kind);
        }
        if (kind <= 4) {
            expect(reference, FIELDREF, "field of method handle #" + i);
        } else if (kind == 9) {
            expect(reference, INTERFACE_METHODREF, "method of method handle #" + i);
        } else if (kind == 5 || kind == 8) {
            expect(reference, METHODREF, "method of method handle #" + i);
        } else if (!validIndex(reference) || tags[reference] != METHODREF && tags[reference] != INTERFACE_METHODREF) {
            throw new Defect("the method of method handle #" + i + " is not a method reference");
        }
    }

    private boolean validIndex(int index) {
        return index > 0 && index < tags.length;
    }

    private void expect(int index, int tag, String what) {
        if (!validIndex(index)) {
            throw new Defect(what + ": constant pool index " + index + " is out of range (1.." + (tags.length - 1)
                    + ")");
        }
        if (tags[index] != tag) {
            throw new Defect(what + ": constant pool entry #" + index + " is " + tagName(tags[index]) + ", not "
                    + tagName(tag));
        }
    }

    private String className(int classIndex) {
        return utf8[u2at(offsets[classIndex])];
    }

    private static String tagName(int tag) {
        switch (tag) {
        case UTF8: return "a string (Utf8)";
        case INTEGER: return "an int";
        case FLOAT: return "a float";
        case LONG: return "a long";
        case DOUBLE: return "a double";
        case CLASS: return "a class reference";
        case STRING: return "a string constant";
        case FIELDREF: return "a field reference";
        case METHODREF: return "a method reference";
        case INTERFACE_METHODREF: return "an interface method reference";
        case NAME_AND_TYPE: return "a name and type";
        case METHOD_HANDLE: return "a method handle";
        case METHOD_TYPE: return "a method type";
        case DYNAMIC: return "a dynamic constant";
        case INVOKE_DYNAMIC: return "an invokedynamic call site";
        case MODULE: return "a module";
        case PACKAGE: return "a package";
        default: return "the second half of a long or double";
        }
    }

    // ---- names and descriptors (JVMS 4.2, 4.3) ----

    static boolean isUnqualifiedName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.' || c == ';' || c == '[' || c == '/') {
                return false;
            }
        }
        return true;
    }

    static boolean isMethodName(String name) {
        return isUnqualifiedName(name) && name.indexOf('<') < 0 && name.indexOf('>') < 0;
    }

    static boolean isClassName(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.endsWith("/") || name.contains("//")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.' || c == ';' || c == '[') {
                return false;
            }
        }
        return true;
    }

    static boolean isFieldDescriptor(String d) {
        return fieldDescriptorEnd(d, 0) == d.length();
    }

    static boolean isMethodDescriptor(String d) {
        if (!d.startsWith("(")) {
            return false;
        }
        int at = 1;
        while (at < d.length() && d.charAt(at) != ')') {
            at = fieldDescriptorEnd(d, at);
            if (at < 0) {
                return false;
            }
        }
        if (at >= d.length()) {
            return false;
        }
        at++;
        return d.length() == at + 1 && d.charAt(at) == 'V' || fieldDescriptorEnd(d, at) == d.length();
    }

    /** Where the field descriptor starting at {@code at} ends, or -1 when there is none. */
    private static int fieldDescriptorEnd(String d, int at) {
        int dims = 0;
        while (at < d.length() && d.charAt(at) == '[') {
            at++;
            dims++;
        }
        if (dims > 255 || at >= d.length()) {
            return -1;
        }
        switch (d.charAt(at)) {
        case 'B': case 'C': case 'D': case 'F': case 'I': case 'J': case 'S': case 'Z':
            return at + 1;
        case 'L':
            int end = d.indexOf(';', at);
            String className = d.substring(at + 1, end < 0 ? at + 1 : end);
            return end > at + 1 && isClassName(className) && className.indexOf('<') < 0 && className.indexOf('>') < 0
                    ? end + 1 : -1; // '<' and '>' are legal in a class name, but BCEL reads them as generics and fails
        default:
            return -1;
        }
    }

    private static int arrayDimensions(String d) {
        int dims = 0;
        while (dims < d.length() && d.charAt(dims) == '[') {
            dims++;
        }
        return dims;
    }

    /**
     * A generic signature (JVMS 4.7.9.1) ASM's reader accepts: SpotBugs parses these of every analysed class and
     * member, and a malformed one fails the analysis of that class and of the classes that use it.
     */
    private static void requireGenericSignature(String signature, String owner) {
        try {
            new org.objectweb.asm.signature.SignatureReader(signature)
                    .accept(new org.objectweb.asm.signature.SignatureVisitor(org.objectweb.asm.Opcodes.ASM9) { });
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new Defect("the generic signature of " + owner + " is invalid: \"" + signature + "\"");
        }
    }

    private void requireMethodDescriptor(String descriptor, int entry) {
        if (!isMethodDescriptor(descriptor)) {
            throw new Defect("constant pool entry #" + entry + " has the invalid method descriptor \"" + descriptor
                    + "\"");
        }
    }

    // ---- fields and methods ----

    private void members(boolean methods) {
        int count = u2();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < count; i++) {
            int access = u2();
            int nameIndex = u2();
            expect(nameIndex, UTF8, methods ? "method name" : "field name");
            int descriptorIndex = u2();
            expect(descriptorIndex, UTF8, methods ? "method descriptor" : "field descriptor");
            String name = utf8[nameIndex];
            String descriptor = utf8[descriptorIndex];
            String what = (methods ? "method " : "field ") + name + (methods ? descriptor : "");
            boolean nameOk = methods ? isMethodName(name) || name.equals("<init>") || name.equals("<clinit>")
                    : isUnqualifiedName(name);
            if (!nameOk || !(methods ? isMethodDescriptor(descriptor) : isFieldDescriptor(descriptor))) {
                throw new Defect("invalid " + what + (methods ? "" : " (type \"" + descriptor + "\")"));
            }
            if (!seen.add(name + " " + descriptor)) {
                throw new Defect("duplicate " + what);
            }
            int codes = attributes(what, methods ? descriptor : null);
            if (methods) {
                boolean needsCode = (access & (ACC_ABSTRACT | ACC_NATIVE)) == 0;
                if (codes > 1 || codes == 1 && !needsCode || codes == 0 && needsCode) {
                    throw new Defect(what + " has " + codes + " Code attributes and access flags 0x"
                            + Integer.toHexString(access));
                }
            }
        }
    }

    // ---- attributes (JVMS 4.7) ----

    /**
     * Reads the attributes at the current position.
     *
     * @param owner what they belong to, for messages
     * @param methodDescriptor the descriptor of the method they belong to, or null for a class or field
     * @return how many Code attributes there were
     */
    private int attributes(String owner, String methodDescriptor) {
        int count = u2();
        int codes = 0;
        for (int i = 0; i < count; i++) {
            int nameIndex = u2();
            expect(nameIndex, UTF8, "attribute name in " + owner);
            String name = utf8[nameIndex];
            long length = u4();
            if (length > b.length - pos) {
                throw new Defect("attribute " + name + " of " + owner + " runs past the end of the file");
            }
            int end = pos + (int) length;
            if ("Code".equals(name) && methodDescriptor != null) {
                codes++;
                code(owner, end);
            } else {
                attribute(name, owner, end);
            }
            if (pos != end) {
                throw new Defect("attribute " + name + " of " + owner + " has the length " + length + " but "
                        + (pos - (end - (int) length)) + " bytes of content");
            }
        }
        return codes;
    }

    private void attribute(String name, String owner, int end) {
        switch (name) {
        case "ConstantValue":
            int value = u2();
            if (!validIndex(value) || !(tags[value] == INTEGER || tags[value] == FLOAT || tags[value] == LONG
                    || tags[value] == DOUBLE || tags[value] == STRING)) {
                throw new Defect("the constant value of " + owner + " is not a constant");
            }
            break;
        case "Signature":
            int signature = u2();
            expect(signature, UTF8, name + " of " + owner);
            requireGenericSignature(utf8[signature], owner);
            break;
        case "SourceFile":
        case "ModuleMainClass":
        case "NestHost":
            expect(u2(), "NestHost".equals(name) || "ModuleMainClass".equals(name) ? CLASS : UTF8,
                    name + " of " + owner);
            break;
        case "Exceptions":
        case "NestMembers":
        case "PermittedSubclasses":
            int classes = u2();
            for (int i = 0; i < classes; i++) {
                expect(u2(), CLASS, name + " of " + owner);
            }
            break;
        case "InnerClasses":
            innerClasses(owner);
            break;
        case "EnclosingMethod":
            expect(u2(), CLASS, "EnclosingMethod of " + owner);
            optional(u2(), NAME_AND_TYPE, "EnclosingMethod of " + owner);
            break;
        case "BootstrapMethods":
            bootstrapMethods(owner);
            break;
        case "MethodParameters":
            int parameters = u1();
            for (int i = 0; i < parameters; i++) {
                optional(u2(), UTF8, "MethodParameters of " + owner);
                u2();
            }
            break;
        case "Record":
            record(owner);
            break;
        case "RuntimeVisibleAnnotations":
        case "RuntimeInvisibleAnnotations":
            annotations(owner);
            break;
        case "RuntimeVisibleParameterAnnotations":
        case "RuntimeInvisibleParameterAnnotations":
            int parameterCount = u1();
            for (int i = 0; i < parameterCount; i++) {
                annotations(owner);
            }
            break;
        case "AnnotationDefault":
            elementValue(owner);
            break;
        default:
            // Unknown attributes, and those whose contents are not checked (stack map frames, type annotations,
            // module descriptions, debug extensions): only their length is.
            pos = end;
        }
    }

    private void optional(int index, int tag, String what) {
        if (index != 0) {
            expect(index, tag, what);
        }
    }

    private void innerClasses(String owner) {
        int count = u2();
        for (int i = 0; i < count; i++) {
            expect(u2(), CLASS, "InnerClasses of " + owner);
            optional(u2(), CLASS, "InnerClasses of " + owner);
            optional(u2(), UTF8, "InnerClasses of " + owner);
            u2();
        }
    }

    private void bootstrapMethods(String owner) {
        bootstrapMethodCount = u2();
        for (int i = 0; i < bootstrapMethodCount; i++) {
            expect(u2(), METHOD_HANDLE, "bootstrap method #" + i + " of " + owner);
            int arguments = u2();
            for (int a = 0; a < arguments; a++) {
                int argument = u2();
                if (!validIndex(argument) || !loadable(tags[argument])) {
                    throw new Defect("an argument of bootstrap method #" + i + " is not a loadable constant");
                }
            }
        }
    }

    private static boolean loadable(int tag) {
        return tag == INTEGER || tag == FLOAT || tag == LONG || tag == DOUBLE || tag == CLASS || tag == STRING
                || tag == METHOD_HANDLE || tag == METHOD_TYPE || tag == DYNAMIC;
    }

    private void record(String owner) {
        int components = u2();
        for (int i = 0; i < components; i++) {
            expect(u2(), UTF8, "record component of " + owner);
            int descriptor = u2();
            expect(descriptor, UTF8, "record component of " + owner);
            if (!isFieldDescriptor(utf8[descriptor])) {
                throw new Defect("a record component of " + owner + " has the invalid type \"" + utf8[descriptor]
                        + "\"");
            }
            attributes("record component of " + owner, null);
        }
    }

    private void annotations(String owner) {
        int count = u2();
        for (int i = 0; i < count; i++) {
            annotation(owner);
        }
    }

    private void annotation(String owner) {
        int type = u2();
        expect(type, UTF8, "annotation type in " + owner);
        if (!isFieldDescriptor(utf8[type])) {
            throw new Defect("an annotation of " + owner + " has the invalid type \"" + utf8[type] + "\"");
        }
        int pairs = u2();
        for (int i = 0; i < pairs; i++) {
            expect(u2(), UTF8, "annotation element name in " + owner);
            elementValue(owner);
        }
    }

    private void elementValue(String owner) {
        int tag = u1();
        String what = "annotation value in " + owner;
        switch (tag) {
        case 'B': case 'C': case 'I': case 'S': case 'Z':
            expect(u2(), INTEGER, what);
            break;
        case 'D':
            expect(u2(), DOUBLE, what);
            break;
        case 'F':
            expect(u2(), FLOAT, what);
            break;
        case 'J':
            expect(u2(), LONG, what);
            break;
        case 's':
        case 'c':
            expect(u2(), UTF8, what);
            break;
        case 'e':
            expect(u2(), UTF8, what);
            expect(u2(), UTF8, what);
            break;
        case '@':
            annotation(owner);
            break;
        case '[':
            int values = u2();
            for (int i = 0; i < values; i++) {
                elementValue(owner);
            }
            break;
        default:
            throw new Defect("an annotation value of " + owner + " has the unknown tag " + tag);
        }
    }

    // ---- code (JVMS 4.7.3, 4.9.1) ----

    private void code(String method, int end) {
        u2(); // max_stack: data-flow verification checks it
        int maxLocals = u2();
        long length = u4();
        if (length == 0 || length >= 65536 || length > end - pos) {
            throw new Defect(method + " has a code length of " + length);
        }
        int start = pos;
        boolean[] starts = new boolean[(int) length + 1];
        int[] targets = new int[16];
        int targetCount = 0;
        while (pos < start + length) {
            int at = pos - start;
            starts[at] = true;
            int[] branch = instruction(method, start, at, maxLocals);
            for (int target : branch) {
                if (targetCount == targets.length) {
                    targets = java.util.Arrays.copyOf(targets, targetCount * 2);
                }
                targets[targetCount++] = target;
            }
        }
        if (pos != start + length) {
            throw new Defect("the last instruction of " + method + " runs past the end of its code");
        }
        for (int i = 0; i < targetCount; i++) {
            if (targets[i] < 0 || targets[i] >= length || !starts[targets[i]]) {
                throw new Defect(method + " branches to " + targets[i] + ", which is not an instruction");
            }
        }
        int handlers = u2();
        for (int i = 0; i < handlers; i++) {
            int from = u2();
            int to = u2();
            int handler = u2();
            int type = u2();
            if (from >= to || to > length || !starts[from] || to < length && !starts[to] || handler >= length
                    || !starts[handler]) {
                throw new Defect(method + " has an exception handler with invalid offsets " + from + ".." + to
                        + " -> " + handler);
            }
            optional(type, CLASS, "exception handler type in " + method);
        }
        int attributes = u2();
        for (int i = 0; i < attributes; i++) {
            int nameIndex = u2();
            expect(nameIndex, UTF8, "attribute name in the code of " + method);
            long attributeLength = u4();
            if (attributeLength > end - pos) {
                throw new Defect("attribute " + utf8[nameIndex] + " of the code of " + method
                        + " runs past its end");
            }
            int attributeEnd = pos + (int) attributeLength;
            String name = utf8[nameIndex];
            if (name.equals("LocalVariableTable") || name.equals("LocalVariableTypeTable")) {
                localVariables(method, name.equals("LocalVariableTable"), maxLocals);
            } else if (name.equals("LineNumberTable")) {
                int lines = u2();
                skip(4L * lines);
            } else {
                pos = attributeEnd;
            }
            if (pos != attributeEnd) {
                throw new Defect("attribute " + name + " of the code of " + method + " has the wrong length");
            }
        }
    }

    private void localVariables(String method, boolean types, int maxLocals) {
        int count = u2();
        for (int i = 0; i < count; i++) {
            skip(4); // start_pc, length: compilers and obfuscators write odd ranges the JVM accepts
            expect(u2(), UTF8, "local variable name in " + method);
            int descriptor = u2();
            expect(descriptor, UTF8, "local variable type in " + method);
            if (types && !isFieldDescriptor(utf8[descriptor])) {
                throw new Defect("a local variable of " + method + " has the invalid type \"" + utf8[descriptor]
                        + "\"");
            }
            int index = u2();
            if (index >= maxLocals) {
                throw new Defect("a local variable of " + method + " uses slot " + index + " of " + maxLocals);
            }
        }
    }

    private static final int[] NO_TARGETS = new int[0];

    /** Reads one instruction and returns its branch targets (offsets into the code). */
    private int[] instruction(String method, int codeStart, int at, int maxLocals) {
        int opcode = u1();
        if (opcode <= 0x0F || opcode >= 0x2E && opcode <= 0x35 || opcode >= 0x4F && opcode <= 0x83
                || opcode >= 0x85 && opcode <= 0x98
                || opcode >= 0xAC && opcode <= 0xB1 || opcode == 0xBE || opcode == 0xBF
                || opcode == 0xC2 || opcode == 0xC3) {
            return NO_TARGETS; // no operands
        }
        if (opcode >= 0x1A && opcode <= 0x2D || opcode >= 0x3B && opcode <= 0x4E) {
            local((opcode - (opcode <= 0x2D ? 0x1A : 0x3B)) % 4, maxLocals, method, opcode);
            return NO_TARGETS; // iload_0 .. aload_3, istore_0 .. astore_3
        }
        switch (opcode) {
        case 0x10: // bipush
            skip(1);
            return NO_TARGETS;
        case 0x11: // sipush
            skip(2);
            return NO_TARGETS;
        case 0x12: // ldc
            loadableOperand(u1(), false, method);
            return NO_TARGETS;
        case 0x13: // ldc_w
            loadableOperand(u2(), false, method);
            return NO_TARGETS;
        case 0x14: // ldc2_w
            loadableOperand(u2(), true, method);
            return NO_TARGETS;
        case 0x15: case 0x16: case 0x17: case 0x18: case 0x19: // xload
        case 0x36: case 0x37: case 0x38: case 0x39: case 0x3A: // xstore
        case 0xA9: // ret
            local(u1(), maxLocals, method, opcode);
            return NO_TARGETS;
        case 0x84: // iinc
            local(u1(), maxLocals, method, opcode);
            skip(1);
            return NO_TARGETS;
        case 0xC4: // wide
            return wide(method, maxLocals);
        case 0xAA: // tableswitch
            return tableSwitch(codeStart, at);
        case 0xAB: // lookupswitch
            return lookupSwitch(codeStart, at, method);
        case 0xB2: case 0xB3: case 0xB4: case 0xB5: // get/put static/field
            expect(u2(), FIELDREF, "operand of a field instruction in " + method);
            return NO_TARGETS;
        case 0xB6: // invokevirtual
            int virtual = u2();
            expect(virtual, METHODREF, "operand of invokevirtual in " + method);
            invokeOperand(virtual, false, method);
            return NO_TARGETS;
        case 0xB7: // invokespecial
        case 0xB8: // invokestatic
            invokeOperand(u2(), opcode == 0xB7, method);
            return NO_TARGETS;
        case 0xB9: // invokeinterface
            int itf = u2();
            expect(itf, INTERFACE_METHODREF, "operand of invokeinterface in " + method);
            int count = u1();
            if (count == 0 || u1() != 0 || count != argumentSlotsWithReceiver(itf)) {
                throw new Defect("invokeinterface in " + method + " has invalid operands");
            }
            return NO_TARGETS;
        case 0xBA: // invokedynamic
            expect(u2(), INVOKE_DYNAMIC, "operand of invokedynamic in " + method);
            if (u2() != 0) {
                throw new Defect("invokedynamic in " + method + " has invalid operands");
            }
            return NO_TARGETS;
        case 0xBB: // new
            int type = u2();
            expect(type, CLASS, "operand of new in " + method);
            if (className(type).startsWith("[")) {
                throw new Defect("new in " + method + " creates the array type " + className(type));
            }
            return NO_TARGETS;
        case 0xBC: // newarray
            int elementType = u1();
            if (elementType < 4 || elementType > 11) {
                throw new Defect("newarray in " + method + " has the invalid element type " + elementType);
            }
            return NO_TARGETS;
        case 0xBD: case 0xC0: case 0xC1: // anewarray, checkcast, instanceof
            expect(u2(), CLASS, "operand of a type instruction in " + method);
            return NO_TARGETS;
        case 0xC5: // multianewarray
            int arrayType = u2();
            expect(arrayType, CLASS, "operand of multianewarray in " + method);
            int dims = u1();
            if (dims == 0 || dims > arrayDimensions(className(arrayType))) {
                throw new Defect("multianewarray in " + method + " has invalid dimensions");
            }
            return NO_TARGETS;
        case 0xC6: case 0xC7: // ifnull, ifnonnull
        case 0xA7: case 0xA8: // goto, jsr
            return new int[] {at + s2()};
        case 0xC8: case 0xC9: // goto_w, jsr_w
            return new int[] {at + s4()};
        default:
            if (opcode >= 0x99 && opcode <= 0xA6) { // if<cond>, if_icmp<cond>, if_acmp<cond>
                return new int[] {at + s2()};
            }
            throw new Defect(method + " has the invalid opcode " + opcode + " at offset " + at);
        }
    }

    private int[] wide(String method, int maxLocals) {
        int opcode = u1();
        if (opcode >= 0x15 && opcode <= 0x19 || opcode >= 0x36 && opcode <= 0x3A || opcode == 0xA9) {
            local(u2(), maxLocals, method, opcode);
        } else if (opcode == 0x84) {
            local(u2(), maxLocals, method, opcode);
            skip(2);
        } else {
            throw new Defect("wide in " + method + " modifies the invalid opcode " + opcode);
        }
        return NO_TARGETS;
    }

    private void local(int index, int maxLocals, String method, int opcode) {
        // long and double loads and stores use two slots
        boolean wideValue = opcode == 0x16 || opcode == 0x18 || opcode == 0x37 || opcode == 0x39
                || opcode >= 0x1E && opcode <= 0x21 || opcode >= 0x26 && opcode <= 0x29
                || opcode >= 0x3F && opcode <= 0x42 || opcode >= 0x47 && opcode <= 0x4A;
        if (index + (wideValue ? 1 : 0) >= maxLocals) {
            throw new Defect(method + " uses local variable " + index + " but has " + maxLocals);
        }
    }

    private int[] tableSwitch(int codeStart, int at) {
        pad(codeStart);
        int defaultTarget = at + s4();
        int low = s4();
        int high = s4();
        if (low > high) {
            throw new Defect("a tableswitch has low " + low + " > high " + high);
        }
        long cases = (long) high - low + 1;
        if (cases * 4 > b.length - pos) {
            throw new Defect("a tableswitch runs past the end of the file");
        }
        int[] targets = new int[(int) cases + 1];
        targets[0] = defaultTarget;
        for (int i = 1; i < targets.length; i++) {
            targets[i] = at + s4();
        }
        return targets;
    }

    private int[] lookupSwitch(int codeStart, int at, String method) {
        pad(codeStart);
        int defaultTarget = at + s4();
        int pairs = s4();
        if (pairs < 0 || (long) pairs * 8 > b.length - pos) {
            throw new Defect("a lookupswitch in " + method + " has " + pairs + " cases");
        }
        int[] targets = new int[pairs + 1];
        targets[0] = defaultTarget;
        long previous = Long.MIN_VALUE;
        for (int i = 1; i <= pairs; i++) {
            int key = s4();
            if (key <= previous) {
                throw new Defect("the keys of a lookupswitch in " + method + " are not sorted");
            }
            previous = key;
            targets[i] = at + s4();
        }
        return targets;
    }

    private void pad(int codeStart) {
        while ((pos - codeStart) % 4 != 0) {
            u1();
        }
    }

    private void loadableOperand(int index, boolean twoSlots, String method) {
        if (!validIndex(index)) {
            throw new Defect("ldc in " + method + ": constant pool index " + index + " is out of range");
        }
        int tag = tags[index];
        boolean ok;
        if (tag == DYNAMIC) {
            String descriptor = utf8[u2at(offsets[u2at(offsets[index] + 2)] + 2)];
            ok = twoSlots == (descriptor.equals("J") || descriptor.equals("D"));
        } else {
            ok = twoSlots ? tag == LONG || tag == DOUBLE
                    : tag == INTEGER || tag == FLOAT || tag == STRING || tag == CLASS || tag == METHOD_TYPE
                            || tag == METHOD_HANDLE;
        }
        if (!ok) {
            throw new Defect("ldc in " + method + " loads constant pool entry #" + index + ", " + tagName(tag));
        }
    }

    /**
     * The count operand invokeinterface must carry (JVMS 4.9.1): the receiver's slot plus the arguments' slots of the
     * interface method reference at {@code index}. SpotBugs' BCEL reads the stack effect from this byte; ASM ignores it.
     */
    private int argumentSlotsWithReceiver(int index) {
        String descriptor = utf8[u2at(offsets[u2at(offsets[index] + 2)] + 2)];
        try {
            return org.objectweb.asm.Type.getArgumentsAndReturnSizes(descriptor) >> 2;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private void invokeOperand(int index, boolean special, String method) {
        if (!validIndex(index) || tags[index] != METHODREF && tags[index] != INTERFACE_METHODREF) {
            throw new Defect("the operand of an invoke instruction in " + method + " is not a method reference");
        }
        String name = utf8[u2at(offsets[u2at(offsets[index] + 2)])];
        if (name.startsWith("<") && !(special && name.equals("<init>"))) {
            throw new Defect(method + " invokes " + name + " with an instruction that cannot");
        }
    }

    // ---- bytes ----

    private int u1() {
        if (pos >= b.length) {
            throw new Defect("truncated (ends at byte " + b.length + ")");
        }
        return b[pos++] & 0xFF;
    }

    private int u2() {
        if (pos + 2 > b.length) {
            throw new Defect("truncated (ends at byte " + b.length + ")");
        }
        int v = u2at(pos);
        pos += 2;
        return v;
    }

    private long u4() {
        return s4() & 0xFFFFFFFFL;
    }

    private int s2() {
        return (short) u2();
    }

    private int s4() {
        if (pos + 4 > b.length) {
            throw new Defect("truncated (ends at byte " + b.length + ")");
        }
        int v = (b[pos] & 0xFF) << 24 | (b[pos + 1] & 0xFF) << 16 | (b[pos + 2] & 0xFF) << 8 | b[pos + 3] & 0xFF;
        pos += 4;
        return v;
    }

    private int u2at(int at) {
        if (at + 2 > b.length) {
            throw new Defect("truncated (ends at byte " + b.length + ")");
        }
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }

    private void skip(long n) {
        if (n > b.length - pos) {
            throw new Defect("truncated (ends at byte " + b.length + ")");
        }
        pos += (int) n;
    }
}
