package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.List;

/**
 * A safe look-alike for GL_LOCK_ORDER_INVERSION: a helper that takes a monitor its callers always hold already.
 * {@code add} holds the table's monitor and then the records list; {@code trim} holds the records list and calls the
 * synchronized {@code refresh}, which looks like "records before table". But {@code trim} is private and only
 * {@code add} calls it, under the table's monitor, so {@code refresh} re-enters a monitor its thread holds: no
 * thread ever waits for the table while holding the records list.
 */
public class CallerHeldReentryLookAlike {
    private final List<String> records = new ArrayList<>();
    private int shown;

    public synchronized void add(String record) {
        synchronized (records) {
            records.add(record);
        }
        trim();
    }

    private void trim() {
        synchronized (records) {
            if (records.size() > 100) {
                records.remove(0);
                refresh();
            }
        }
    }

    private synchronized void refresh() {
        shown = records.size();
    }

    public synchronized int shown() {
        return shown;
    }
}
