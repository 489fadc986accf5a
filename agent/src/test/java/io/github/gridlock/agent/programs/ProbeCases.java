package io.github.gridlock.agent.programs;

import io.github.gridlock.agent.junit.GridlockExtension;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Run by {@link ExtensionProbe} (not by surefire/failsafe): the second test creates a lock-order cycle. */
@ExtendWith(GridlockExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class ProbeCases {
    @Test
    @Order(1)
    void cleanTest() throws Exception {
        Schedules.oneAfterTheOther("clean-1", MutexOrderFixed::func1, "clean-2", MutexOrderFixed::func2);
    }

    @Test
    @Order(2)
    void cycleTest() throws Exception {
        Schedules.oneAfterTheOther("cycle-1", MutexOrder::func1, "cycle-2", MutexOrder::func2);
    }

    @Test
    @Order(3)
    void cleanAfterwards() {
        synchronized (this) {
            hashCode();
        }
    }
}
