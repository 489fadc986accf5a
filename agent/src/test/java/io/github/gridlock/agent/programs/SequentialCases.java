package io.github.gridlock.agent.programs;

import io.github.gridlock.agent.junit.GridlockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Run by {@link ExtensionProbe}: a test that exercises both lock orders one after the other (start/join). */
@ExtendWith(GridlockExtension.class)
public class SequentialCases {
    @Test
    void bothOrdersInSequence() throws Exception {
        Thread t1 = new Thread(MutexOrder::func1, "seq-1");
        t1.start();
        t1.join();
        Thread t2 = new Thread(MutexOrder::func2, "seq-2");
        t2.start();
        t2.join();
    }
}
