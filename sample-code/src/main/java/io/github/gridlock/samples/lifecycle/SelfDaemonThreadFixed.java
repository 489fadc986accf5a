package io.github.gridlock.samples.lifecycle;

/**
 * Fixed twin of {@link SelfDaemonThread}: the daemon flag is set in the constructor, before anyone can call
 * {@code start()}. This is also a safe look-alike for a detector that flags every {@code setDaemon} on
 * {@code this} in a Thread subclass: in a constructor the thread cannot have been started yet.
 */
public class SelfDaemonThreadFixed extends Thread {

    public SelfDaemonThreadFixed() {
        super("heartbeat");
        setDaemon(true);
    }

    @Override
    public void run() {
        while (!isInterrupted()) {
            System.out.println("heartbeat");
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
