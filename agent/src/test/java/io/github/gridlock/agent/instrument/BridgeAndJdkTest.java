package io.github.gridlock.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gridlock.agent.runtime.LockHooks;
import io.github.gridlock.agent.samples.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.util.CheckClassAdapter;
import org.junit.jupiter.api.Test;

/** The java.lang bridge, and JDK classes instrumented for their monitors. In-process, without the agent. */
class BridgeAndJdkTest {

    private static byte[] jdkBytes(String internalName) throws IOException {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
            return in.readAllBytes();
        }
    }

    /** Every static call the instrumented class makes to {@code owner}, as "name descriptor". */
    private static List<String> callsTo(byte[] classFile, String owner) {
        List<String> calls = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int op, String o, String n, String d, boolean itf) {
                        if (o.equals(owner)) {
                            calls.add(n + " " + d);
                        }
                    }
                };
            }
        }, 0);
        return calls;
    }

    private static Set<String> bridged() {
        Set<String> r = new HashSet<>();
        for (Method m : BridgeClass.hooks(LockHooks.class)) {
            r.add(m.getName() + " " + Type.getMethodDescriptor(m));
        }
        return r;
    }

    @Test
    void everyHookTheVisitorsEmitIsBridged() throws IOException {
        byte[] sample = TransformerTest.bytes(Sample.class.getName());
        byte[] out = LockOrderTransformer.instrument(getClass().getClassLoader(), sample, Hooks.BRIDGE, false);
        List<String> calls = callsTo(out, Hooks.BRIDGE);
        assertTrue(calls.size() > 10, calls::toString);
        // Sample calls the runtime's API itself; the instrumentation adds no call of its own there
        assertEquals(callsTo(sample, Hooks.RUNTIME), callsTo(out, Hooks.RUNTIME), "instrumented code names the runtime");
        Set<String> bridged = bridged();
        for (String c : calls) {
            assertTrue(bridged.contains(c), () -> c + " is called but not bridged: " + bridged);
        }
        for (String hook : new String[] {"monitorEnter (Ljava/lang/Object;Ljava/lang/Object;)V",
            "beforeLock (Ljava/lang/Object;)V", "lock (Ljava/util/concurrent/locks/Lock;)V",
            "start (Ljava/lang/Thread;)V", "wait (Ljava/lang/Object;J)V"}) {
            assertTrue(bridged.contains(hook), hook);
        }
    }

    @Test
    void bridgeDelegatesEachHookAndNamesNoRuntimeType() {
        byte[] bridge = BridgeClass.generate(LockHooks.class);
        StringWriter problems = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(bridge), false, new PrintWriter(problems));
        assertEquals("", problems.toString());
        ClassReader r = new ClassReader(bridge);
        assertEquals("java/lang/$Gridlock", r.getClassName());
        List<String> delegated = callsTo(bridge, Hooks.RUNTIME);
        assertEquals(bridged(), new HashSet<>(delegated));
        assertEquals(delegated.size(), new HashSet<>(delegated).size());
        for (String d : delegated) {
            assertFalse(d.contains("io/github/gridlock"), d);
        }
    }

    @Test
    void jdkClassesGetTheirMonitorsOnlyAndStillVerify() throws IOException {
        for (String c : new String[] {"java/util/Vector", "java/util/Hashtable", "java/lang/StringBuffer",
            "java/util/Collections$SynchronizedMap", "java/io/PrintStream", "java/io/BufferedWriter"}) {
            byte[] out = LockOrderTransformer.instrument(null, jdkBytes(c), Hooks.BRIDGE, true);
            assertNotNull(out, c);
            StringWriter problems = new StringWriter();
            CheckClassAdapter.verify(new ClassReader(out), false, new PrintWriter(problems));
            assertEquals("", problems.toString(), c);
            Set<String> names = new HashSet<>();
            for (String call : callsTo(out, Hooks.BRIDGE)) {
                names.add(call.substring(0, call.indexOf(' ')));
            }
            names.removeAll(Set.of("monitorEnter", "monitorExit", "monitorMethodEnter", "methodExit"));
            assertEquals(Set.of(), names, c + " got hooks beyond its monitors");
            // no new handler, no new local: the class keeps its own frames (JitIT-like shapes aside, boot classes
            // are not verified by default, so this is what keeps them correct; JdkClassesIT verifies them too)
            assertEquals(handlersAndLocals(jdkBytes(c)), handlersAndLocals(out), c);
        }
    }

    /** Per method: the number of try-catch blocks and maxLocals. */
    private static List<String> handlersAndLocals(byte[] classFile) {
        org.objectweb.asm.tree.ClassNode cn = new org.objectweb.asm.tree.ClassNode();
        new ClassReader(classFile).accept(cn, 0);
        List<String> r = new ArrayList<>();
        for (org.objectweb.asm.tree.MethodNode m : cn.methods) {
            r.add(m.name + m.desc + " handlers=" + m.tryCatchBlocks.size() + " locals=" + m.maxLocals);
        }
        return r;
    }

    @Test
    void jdkGroupsSelectTheirClassesAndNothingElse() {
        JdkClasses defaults = new JdkClasses(JdkClasses.DEFAULT);
        for (String c : new String[] {"java/util/Vector", "java/util/Vector$Itr", "java/util/Stack",
            "java/util/Hashtable", "java/util/Hashtable$Enumerator", "java/util/Collections$SynchronizedMap",
            "java/util/Collections$SynchronizedRandomAccessList", "java/lang/StringBuffer"}) {
            assertTrue(defaults.selects(c), c);
        }
        for (String c : new String[] {"java/util/Collections", "java/util/Collections$UnmodifiableMap",
            "java/util/concurrent/locks/ReentrantLock", "java/lang/StringBuilder", "java/io/PrintStream",
            "java/lang/ThreadLocal", "java/util/VectorX"}) {
            assertFalse(defaults.selects(c), c);
        }
        JdkClasses io = new JdkClasses(JdkClasses.parse("io"));
        assertTrue(io.selects("java/io/PrintStream"));
        assertFalse(io.selects("java/util/Vector"));
        assertTrue(new JdkClasses(JdkClasses.parse("logging")).selects("java/util/logging/StreamHandler"));
        assertTrue(new JdkClasses(JdkClasses.parse("none")).isEmpty());
        assertEquals(EnumSet.allOf(JdkClasses.Group.class), JdkClasses.parse("all"));
        assertThrows(IllegalArgumentException.class, () -> JdkClasses.parse("collections:nio"));
    }

    @Test
    void transformerTakesSelectedJdkClassesFromTheBootLoaderOnly() throws IOException {
        LockOrderTransformer t = new LockOrderTransformer(n -> true, new JdkClasses(JdkClasses.DEFAULT), Hooks.BRIDGE);
        byte[] vector = jdkBytes("java/util/Vector");
        assertNotNull(t.transform(null, "java/util/Vector", null, null, vector));
        assertNull(t.transform(null, "java/util/ArrayList", null, null, jdkBytes("java/util/ArrayList")));
        assertNull(t.transform(null, "java/lang/$Gridlock", null, null, vector));
        LockOrderTransformer none = new LockOrderTransformer(n -> true, JdkClasses.NONE, Hooks.BRIDGE);
        assertNull(none.transform(null, "java/util/Vector", null, null, vector));
    }
}
