package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.StampedLock;

/**
 * GL_LOCK_ORDER_INVERSION with the write locks of two {@link StampedLock}s. A StampedLock write lock is exclusive and
 * not reentrant; taken in opposite orders it deadlocks like seed {@code 004_9b7a5e9ccfbf269c.txt}'s {@code
 * lock1}/{@code lock2}: {@code append} holds the journal and wants the index, {@code compact} holds the index and wants
 * the journal. Reported once, at append's {@code index.writeLock()}.
 *
 * @see JournalStampedFixed
 */
public class JournalStampedDeadlock {

    private final StampedLock journal = new StampedLock();
    private final StampedLock index = new StampedLock();
    private final List<String> lines = new ArrayList<>();
    private final Map<String, Integer> positions = new HashMap<>();

    public void append(String key, String line) {
        long journalStamp = journal.writeLock();
        try {
            lines.add(line);
            long indexStamp = index.writeLock(); // expect: GL_LOCK_ORDER_INVERSION
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
        long indexStamp = index.writeLockInterruptibly();
        try {
            positions.clear();
            long journalStamp = journal.writeLock();
            try {
                lines.clear();
            } finally {
                journal.unlockWrite(journalStamp);
            }
        } finally {
            index.unlockWrite(indexStamp);
        }
    }
}
