package io.github.gridlock.samples.lockorder;

/**
 * GL_LOCK_ORDER_INVERSION, a twin of {@code FreshCopyLookAlike}: the table {@code load} locks under the catalog's lock
 * comes from a {@code TableSource}, and the only class that implements it makes a new table each time. But the source
 * can also be a lambda ({@code shareOne()} installs {@code () -> shared}), which no class hierarchy lists and which
 * hands out one table to every caller: another thread can hold that table (in {@code describe}) and wait for the
 * catalog while this one holds the catalog and waits for the table.
 */
public class LambdaSourceDeadlock {
    /** Where tables come from; one abstract method, so a lambda may be one. */
    public interface TableSource {
        Table open();
    }

    /** The only class that implements it: a new table each time. */
    static final class NewTables implements TableSource {
        @Override
        public Table open() {
            return new Table();
        }
    }

    /** A table: its description is read from the catalog under the table's own monitor. */
    public static final class Table {
        private String label = "";

        public synchronized String describe(LambdaSourceDeadlock catalog) {
            return catalog.entry() + label; // expect: GL_LOCK_ORDER_INVERSION
        }
    }

    private final Object catalog = new Object();
    private final Table shared = new Table();
    private TableSource source = new NewTables();
    private int lookups;

    public void shareOne() {
        source = () -> shared;
    }

    public Table shared() {
        return shared;
    }

    String entry() {
        synchronized (catalog) {
            lookups++;
            return String.valueOf(lookups);
        }
    }

    public Table load() {
        synchronized (catalog) {
            lookups++;
            return label(source.open());
        }
    }

    private static Table label(Table t) {
        synchronized (t) {
            t.label = "loaded";
        }
        return t;
    }
}
