package io.github.gridlock.samples.lockorder;

/**
 * Safe look-alike for GL_LOCK_ORDER_INVERSION, from ZooKeeper's QuorumPeer: the outer monitor is chosen by a
 * conditional expression ({@code manager != null ? manager : VIEW_LOCK}), and the synchronized method of
 * {@code manager} is called only when {@code manager} is that outer monitor, so it re-enters a monitor already
 * held. The real order is manager, then VIEW_LOCK, on both paths. A monitor the analysis cannot name may be
 * the same object as one taken inside it, so no order is inferred from it.
 */
public class ConditionalMonitorLookAlike {
    static final Object VIEW_LOCK = new Object();

    /** The connection manager: connecting takes its monitor, then the view lock. */
    public static final class Manager {
        private int connections;

        public synchronized void connect() {
            synchronized (VIEW_LOCK) {
                connections++;
            }
        }
    }

    private Manager manager;
    private int view;

    public void setView(int next) {
        Object outer = manager != null ? manager : VIEW_LOCK;
        synchronized (outer) {
            synchronized (VIEW_LOCK) {
                view = next;
                if (manager != null) {
                    manager.connect();
                }
            }
        }
    }
}
