package io.github.gridlock.samples.lockorder;

import java.util.HashMap;
import java.util.Map;

/**
 * A safe look-alike for GL_LOCK_ORDER_INVERSION: two sibling classes under one abstract base. The monitors of every
 * {@link Descriptor} are one node of the lock-order graph (their topmost analysed class), but at this cycle's one
 * lock the two paths lock objects of unrelated subclasses: {@code Procedure.compile} holds a {@link Procedure} and
 * takes the catalog, {@code Catalog.load} holds the catalog and locks a {@link Table} and a {@link View} it looked up
 * (calls down, where the chain no longer knows which objects they are, but the code that takes each lock does: a
 * {@code Table} parameter, a {@code View} parameter). A {@code Procedure} is neither, so no two threads can wait for
 * each other here. The
 * real shape: Derby's {@code SPSDescriptor.prepareAndRelease} against {@code DataDictionaryImpl.finishTableDescriptor}
 * ({@code TupleDescriptor}), H2's {@code FunctionAlias.load} against {@code TableLink.getRowCount}
 * ({@code DbObject}).
 */
public class SiblingDescriptorsLookAlike {

    /** The base of everything the catalog describes. */
    public abstract static class Descriptor {
        protected final String name;

        protected Descriptor(String name) {
            this.name = name;
        }
    }

    /** A stored procedure: compiling it reads the catalog under the procedure's monitor. */
    public static final class Procedure extends Descriptor {
        private final Catalog catalog;
        private String plan;

        public Procedure(String name, Catalog catalog) {
            super(name);
            this.catalog = catalog;
        }

        public synchronized void compile() {
            plan = name + ":" + catalog.version();
        }
    }

    /** A table: its monitor guards its column count. */
    public static final class Table extends Descriptor {
        private int columns;

        public Table(String name) {
            super(name);
        }

        void setColumns(int columns) {
            this.columns = columns;
        }
    }

    /** A view: its monitor guards its staleness. */
    public static final class View extends Descriptor {
        private boolean stale = true;

        public View(String name) {
            super(name);
        }

        void setStale(boolean stale) {
            this.stale = stale;
        }
    }

    /** The catalog: loading a table finishes it and its view under their monitors. */
    public static final class Catalog {
        private final Map<String, Table> tables = new HashMap<>();
        private final Map<String, View> views = new HashMap<>();
        private int version;

        public synchronized int version() {
            return version;
        }

        public synchronized void load(String name, int columns) {
            version++;
            reload(name, columns);
        }

        private void reload(String name, int columns) {
            finish(lookup(name), columns);
            refresh(views.computeIfAbsent(name, View::new));
        }

        private void refresh(View view) {
            synchronized (view) {
                view.setStale(false);
            }
        }

        private Table lookup(String name) {
            return tables.computeIfAbsent(name, Table::new);
        }

        private void finish(Table table, int columns) {
            synchronized (table) {
                table.setColumns(columns);
            }
        }
    }
}
