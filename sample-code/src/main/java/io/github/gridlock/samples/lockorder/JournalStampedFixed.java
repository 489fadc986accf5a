package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.StampedLock;

/** Fixed twin of {@link JournalStampedDeadlock}: journal before index in {@code compact} too. */
public class JournalStampedFixed {

    private final StampedLock journal = new StampedLock();
    private final StampedLock index = new StampedLock();
    private final List<String> lines = new ArrayList<>();
    private final Map<String, Integer> positions = new HashMap<>();

    public void append(String key, String line) {
        long journalStamp = journal.writeLock();
        try {
            lines.add(line);
            long indexStamp = index.writeLock();
            try {
                positions.put(key, lines.size() - 1);
            } finally {
                index.unlockWrite(indexStamp);
            }
        } finally {
            journal.unlockWrite(journalStamp);
        }
    }

    public void compact() throws InterruptedException {
        long journalStamp = journal.writeLockInterruptibly();
        try {
            long indexStamp = index.writeLock();
            try {
                positions.clear();
                lines.clear();
            } finally {
                index.unlockWrite(indexStamp);
            }
        } finally {
            journal.unlockWrite(journalStamp);
        }
    }
}
