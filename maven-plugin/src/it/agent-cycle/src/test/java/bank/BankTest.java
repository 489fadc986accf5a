package bank;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class BankTest {
    @Test
    void transfersBothWays() throws Exception {
        assertEquals("yes", System.getProperty("it.kept"), "the argLine the project had is kept");
        Bank bank = new Bank();
        CountDownLatch firstDone = new CountDownLatch(1);
        // Two threads that run at the same time; a latch (which the agent does not count as ordering) keeps this
        // run from hanging, but nothing in Bank orders the two paths.
        Thread one = new Thread(() -> {
            bank.checkingToSavings();
            firstDone.countDown();
        });
        Thread two = new Thread(() -> {
            try {
                firstDone.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            bank.savingsToChecking();
        });
        one.start();
        two.start();
        one.join();
        two.join();
        assertEquals(2, bank.moved());
    }
}
