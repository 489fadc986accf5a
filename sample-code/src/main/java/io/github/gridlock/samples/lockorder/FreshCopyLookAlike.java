package io.github.gridlock.samples.lockorder;

/**
 * Safe look-alike for GL_LOCK_ORDER_INVERSION, the shape of {@code FreshDescriptorLookAlike} with a factory that makes a
 * defensive copy of an array ({@code columns.clone()}) before it builds the object: {@code load} holds the catalog and
 * locks the table the factory has just made, {@code Table.describe} holds a table and takes the catalog, but no other
 * thread can hold a table nobody has seen yet. Deciding that follows the factory's calls, and a call on an array type
 * ({@code clone()} of {@code String[]}) must be read as one that returns no fresh object, not as a class to look up.
 */
public class FreshCopyLookAlike {
    private final Object catalog = new Object();
    private final String[] columns = {"id", "name"};
    private int lookups;

    /** A table: its description is read from the catalog under the table's own monitor. */
    public static final class Table {
        private final String[] columns;
        private String label;

        Table(String[] columns) {
            this.columns = columns;
        }

        public synchronized String describe(FreshCopyLookAlike catalog) {
            return catalog.entry(columns.length) + label;
        }
    }

    String entry(int width) {
        synchronized (catalog) {
            lookups++;
            return width + ":" + lookups;
        }
    }

    public Table load() {
        synchronized (catalog) {
            lookups++;
            return label(newTable());
        }
    }

    private Table newTable() {
        String[] copy = columns.clone();
        return new Table(copy);
    }

    private static Table label(Table t) {
        synchronized (t) {
            t.label = t.columns[0];
        }
        return t;
    }
}
