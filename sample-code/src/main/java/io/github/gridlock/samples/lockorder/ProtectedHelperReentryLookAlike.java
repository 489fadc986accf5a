package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.List;

/**
 * GL_LOCK_ORDER_INVERSION look-alike and twin for helpers that are not private (log4j's
 * {@code FilteredLogTableModel.trimOldestRecords}). In {@link Model}, {@code trimOldest} (protected) holds the
 * records list and calls the synchronized {@code refresh}: "records before model". But its only caller is the
 * package-private {@code trim}, whose only caller is the synchronized {@code add}: the model's monitor is always held
 * already, so {@code refresh} re-enters it. Not reported (assumed: no subclass outside this code calls the protected
 * helper). {@link ExposedModel} is the same but for a public, unsynchronized {@code compact()} that also calls the
 * helper: a thread there holds the records and waits for the model, while {@code add} holds the model and waits for
 * the records. Reported.
 */
public class ProtectedHelperReentryLookAlike {

    public static class Model {
        private final List<String> records = new ArrayList<>();
        private int shown;

        public synchronized void add(String record) {
            synchronized (records) {
                records.add(record);
            }
            trim();
        }

        void trim() {
            trimOldest();
        }

        protected void trimOldest() {
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

    public static class ExposedModel {
        private final List<String> records = new ArrayList<>();
        private int shown;

        public synchronized void add(String record) {
            synchronized (records) { // expect: GL_LOCK_ORDER_INVERSION
                records.add(record);
            }
            trimOldest();
        }

        public void compact() {
            trimOldest();
        }

        protected void trimOldest() {
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
}
