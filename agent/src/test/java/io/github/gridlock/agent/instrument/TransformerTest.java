package io.github.gridlock.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gridlock.agent.runtime.LockHooks;
import io.github.gridlock.agent.samples.NoLocks;
import io.github.gridlock.agent.samples.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Instruments the sample classes in-process, loads them in a child-first loader (verified) and runs them. */
class TransformerTest {
    /** Child-first for the samples package (instrumented), parent for everything else. Records class loads. */
    static final class InstrumentingLoader extends ClassLoader {
        final List<String> loaded = new ArrayList<>();
        boolean transforming;

        InstrumentingLoader() {
            super(TransformerTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (transforming) {
                    loaded.add(name);
                }
                if (!name.startsWith("io.github.gridlock.agent.samples.")) {
                    return super.loadClass(name, resolve);
                }
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    byte[] bytes = bytes(name);
                    transforming = true;
                    byte[] out;
                    try {
                        out = LockOrderTransformer.instrument(this, bytes);
                    } finally {
                        transforming = false;
                    }
                    byte[] b = out != null ? out : bytes;
                    c = defineClass(name, b, 0, b.length);
                }
                return c;
            }
        }
    }

    static byte[] bytes(String name) {
        try (InputStream in = TransformerTest.class.getClassLoader()
                .getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static InstrumentingLoader loader;
    static Object sample;
    static Class<?> sampleClass;

    @BeforeAll
    static void load() throws Exception {
        loader = new InstrumentingLoader();
        sampleClass = loader.loadClass(Sample.class.getName());
        sample = sampleClass.getConstructor().newInstance();
    }

    static Object call(String method, Object... args) throws Throwable {
        for (Method m : sampleClass.getMethods()) {
            if (m.getName().equals(method)) {
                try {
                    return m.invoke(java.lang.reflect.Modifier.isStatic(m.getModifiers()) ? null : sample, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new NoSuchMethodException(method);
    }

    @Test
    void synchronizedBlockIsHeldInsideAndReleasedAfter() throws Throwable {
        assertEquals(List.of("Sample.guardx1"), call("insideBlock"));
        assertEquals(List.of(), LockHooks.heldByCurrentThread());
    }

    @Test
    void reentrantMonitorCountsHolds() throws Throwable {
        assertEquals(List.of("Sample.guardx2"), call("nestedReentrant"));
        assertEquals(List.of(), LockHooks.heldByCurrentThread());
    }

    @Test
    void exceptionalExitFromBlockReleases() {
        assertThrows(IllegalStateException.class, () -> call("throwInsideBlock"));
        assertEquals(List.of(), LockHooks.heldByCurrentThread());
    }

    @Test
    void synchronizedMethodsHoldThisOrTheClass() throws Throwable {
        assertEquals(List.of("Samplex1"), call("insideMethod"));
        assertEquals(List.of("Sample.classx1"), call("insideStaticMethod"));
        assertEquals(List.of(), LockHooks.heldByCurrentThread());
    }

    @Test
    void exceptionalExitFromSynchronizedMethodReleases() {
        assertThrows(IllegalStateException.class, () -> call("throwInsideMethod"));
        assertEquals(List.of(), LockHooks.heldByCurrentThread());
    }

    @Test
    void methodsOwnHandlersStillCatchInsideSynchronizedMethods() throws Throwable {
        assertEquals(42, call("catchesInsideMethod"));
        assertEquals(List.of(), LockHooks.heldByCurrentThread());
    }

    @Test
    void lockCallsThroughInterfaceClassAndUserSubclassAreTracked() throws Throwable {
        assertEquals(List.of("Sample.viaInterfacex1", "Sample.viaClassx1", "Sample.viaSubclassx1"),
                call("insideLocks"));
        assertEquals(List.of(), LockHooks.heldByCurrentThread());
    }

    @Test
    void framesAreComputedWithoutLoadingClasses() throws Throwable {
        InstrumentingLoader fresh = new InstrumentingLoader();
        byte[] out = LockOrderTransformer.instrument(fresh, bytes(Sample.class.getName()));
        assertNotNull(out);
        assertEquals(List.of(), fresh.loaded, "transforming loaded classes");
        assertEquals(1, call("merge", true));
        assertEquals(1, call("merge", false));
    }

    @Test
    void methodsWithSeveralHooksFetchTheThreadStateOnce() {
        byte[] out = LockOrderTransformer.instrument(loader, bytes(Sample.class.getName()));
        java.util.Map<String, int[]> calls = new java.util.HashMap<>(); // method -> {state(), 1-arg hot, 2-arg hot}
        new org.objectweb.asm.ClassReader(out).accept(new org.objectweb.asm.ClassVisitor(org.objectweb.asm.Opcodes.ASM9) {
            @Override
            public org.objectweb.asm.MethodVisitor visitMethod(int access, String name, String desc, String sig,
                    String[] exceptions) {
                int[] c = calls.computeIfAbsent(name, k -> new int[3]);
                return new org.objectweb.asm.MethodVisitor(org.objectweb.asm.Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int op, String owner, String n, String d, boolean itf) {
                        if (owner.equals("io/github/gridlock/agent/runtime/LockHooks")) {
                            if (n.equals("state")) {
                                c[0]++;
                            } else if (d.equals("(Ljava/lang/Object;)V")) {
                                c[1]++;
                            } else if (d.equals("(Ljava/lang/Object;Ljava/lang/Object;)V")) {
                                c[2]++;
                            }
                        }
                    }
                };
            }
        }, 0);
        int[] locks = calls.get("insideLocks"); // 3 x (beforeLock + afterUnlock), unlocks in finally: duplicated
        assertEquals(1, locks[0], "state() calls in insideLocks");
        assertEquals(0, locks[1], "one-argument hot hooks left in insideLocks");
        assertTrue(locks[2] >= 6, "two-argument hooks in insideLocks: " + locks[2]);
        int[] block = calls.get("insideBlock"); // monitorEnter + monitorExit (normal path only)
        assertEquals(1, block[0]);
        assertEquals(2, block[2]);
    }

    @Test
    void classWithoutLocksIsLeftUnchanged() {
        assertNull(LockOrderTransformer.instrument(loader, bytes(NoLocks.class.getName())));
    }

    @Test
    void brokenClassIsLeftUnchangedWithOneWarningSaidByTheReporter() {
        LockOrderTransformer t = new LockOrderTransformer(n -> true);
        java.util.List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.github.gridlock.agent.runtime.FindingListener listener = new io.github.gridlock.agent.runtime
                .FindingListener() {
            @Override
            public void onFinding(io.github.gridlock.agent.runtime.Finding finding) {
            }

            @Override
            public void onMessage(String message) {
                if (message.contains("com.example.Broken")) {
                    said.add(message);
                }
            }
        };
        LockHooks.addListener(listener);
        try {
            byte[] garbage = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 55, 1, 2, 3};
            assertNull(t.transform(loader, "com/example/Broken", null, null, garbage));
            assertNull(t.transform(loader, "com/example/Broken", null, null, garbage));
            LockHooks.flushReports();
        } finally {
            LockHooks.removeListener(listener);
        }
        assertEquals(1, said.size(), said::toString);
        assertTrue(said.get(0).startsWith("[gridlock] warning: com.example.Broken left uninstrumented"), said::toString);
    }

    @Test
    void agentAndJdkClassesAreNeverInstrumented() {
        LockOrderTransformer t = new LockOrderTransformer(n -> true);
        byte[] b = bytes(Sample.class.getName());
        assertNull(t.transform(loader, "io/github/gridlock/agent/runtime/LockHooks", null, null, b));
        assertNull(t.transform(loader, "java/util/Foo", null, null, b));
        assertNull(t.transform(null, "io/github/gridlock/agent/samples/Sample", null, null, b));
        assertNotNull(t.transform(loader, "io/github/gridlock/agent/samples/Sample", null, null, b));
        LockOrderTransformer excluding = new LockOrderTransformer(n -> !n.startsWith("io.github.gridlock"));
        assertNull(excluding.transform(loader, "io/github/gridlock/agent/samples/Sample", null, null, b));
    }

    /** Instructions of one instrumented method of Sample, as opcodes and "state" for the state fetch. */
    private static List<String> shape(String method) {
        byte[] out = LockOrderTransformer.instrument(loader, bytes(Sample.class.getName()));
        org.objectweb.asm.tree.ClassNode cn = new org.objectweb.asm.tree.ClassNode();
        new org.objectweb.asm.ClassReader(out).accept(cn, 0);
        List<String> r = new ArrayList<>();
        for (org.objectweb.asm.tree.MethodNode m : cn.methods) {
            if (m.name.equals(method)) {
                for (org.objectweb.asm.tree.AbstractInsnNode i : m.instructions) {
                    if (i instanceof org.objectweb.asm.tree.MethodInsnNode
                            && ((org.objectweb.asm.tree.MethodInsnNode) i).name.equals("state")) {
                        r.add("state");
                    } else if (i instanceof org.objectweb.asm.tree.JumpInsnNode) {
                        r.add("jump");
                    } else if (i.getOpcode() == org.objectweb.asm.Opcodes.MONITORENTER) {
                        r.add("monitorenter");
                    }
                }
            }
        }
        return r;
    }

    @Test
    void threadStateIsFetchedWhereTheFirstLockDominatesAndOutsideLoops() throws Throwable {
        List<String> conditional = shape("lockedOnlyIf");
        assertEquals("jump", conditional.get(0), conditional::toString); // the early return pays nothing
        assertTrue(conditional.indexOf("state") < conditional.indexOf("monitorenter"), conditional::toString);
        List<String> loop = shape("lockedInLoop");
        assertEquals("state", loop.get(0), loop::toString); // once, before the loop
        assertEquals(1, java.util.Collections.frequency(loop, "state"), loop::toString);
        assertEquals(0, call("lockedOnlyIf", false));
        assertEquals(1, call("lockedOnlyIf", true));
        assertEquals(3, call("lockedInLoop", 3));
        assertEquals(List.of(), LockHooks.heldByCurrentThread());
    }
}
