package io.github.gridlock.agent;

import io.github.gridlock.agent.instrument.BridgeClass;
import io.github.gridlock.agent.instrument.LockOrderTransformer;
import io.github.gridlock.agent.runtime.LockHooks;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.Lock;

/**
 * Makes the runtime reachable from every class: defines the bridge {@code java.lang.$Gridlock} (see
 * {@link BridgeClass}) in java.base, lets java.base read the runtime (on the boot class path, in the bootstrap
 * loader's unnamed module) and opens {@code java.util.concurrent.locks} to the runtime (both halves of a
 * ReentrantReadWriteLock share one synchronizer, read reflectively) and {@code java.util.concurrent} (the watchdog
 * reads which threads run an executor's tasks and a future's task).
 */
final class RuntimeBridge {
    private RuntimeBridge() {
    }

    static String bridgeClassName() {
        return LockOrderTransformer.bridgeName().replace('/', '.');
    }

    /** Throws (and changes nothing the program can see) if the bridge cannot be defined. */
    static void install(Instrumentation inst) throws ReflectiveOperationException {
        if (LockHooks.class.getClassLoader() != null) {
            throw new IllegalStateException("the runtime was not loaded from the boot class path");
        }
        Module base = Object.class.getModule();
        Module runtime = LockHooks.class.getModule();
        Module agent = RuntimeBridge.class.getModule();
        if (!inst.isModifiableModule(base)) {
            throw new IllegalStateException("java.base cannot be modified");
        }
        inst.redefineModule(base, Set.of(runtime), Map.of(), Map.of(Object.class.getPackageName(), Set.of(agent),
                Lock.class.getPackageName(), Set.of(runtime), Executor.class.getPackageName(), Set.of(runtime)),
                Set.of(), Map.of());
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(Object.class, MethodHandles.lookup());
        lookup.defineClass(BridgeClass.generate(LockHooks.class));
        // Link and initialise it now, not inside the first hook call of a JDK class.
        Class.forName(bridgeClassName(), true, null);
    }
}
