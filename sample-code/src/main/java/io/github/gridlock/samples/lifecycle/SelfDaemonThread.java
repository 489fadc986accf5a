package io.github.gridlock.samples.lifecycle;

/**
 * GL_DAEMON_AFTER_START from inside the thread itself: a {@link Thread} subclass that decides in {@code run()}
 * that it should be a daemon. {@code run()} only executes once the thread is started, so {@code setDaemon}
 * on {@code this} always throws {@link IllegalThreadStateException} and the heartbeat dies on its first line.
 *
 * @see SelfDaemonThreadFixed
 */
public class SelfDaemonThread extends Thread {

    public SelfDaemonThread() {
        super("heartbeat");
    }

    @Override
    public void run() {
        setDaemon(true); // expect: GL_DAEMON_AFTER_START
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
