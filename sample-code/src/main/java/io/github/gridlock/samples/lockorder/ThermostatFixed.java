package io.github.gridlock.samples.lockorder;

/**
 * Fixed twin of {@link ThermostatDeadlock}: an open call. {@code setTarget} updates its state under its
 * monitor, copies the listener, releases the monitor and only then calls out. The display may still call
 * into the thermostat while holding its own monitor: that is the only order left.
 */
public class ThermostatFixed {

    /** Told about every new target. */
    public interface Listener {
        void targetChanged(int target);
    }

    private Listener listener = target -> { };
    private int target = 20;

    public synchronized void setListener(Listener listener) {
        this.listener = listener;
    }

    public void setTarget(int target) {
        Listener toNotify;
        synchronized (this) {
            this.target = target;
            toNotify = listener;
        }
        toNotify.targetChanged(target);
    }

    public synchronized int target() {
        return target;
    }

    /** Shows the target; keeps its own state under its own monitor. */
    public static final class Display implements Listener {
        private final ThermostatFixed thermostat;
        private int shown;

        public Display(ThermostatFixed thermostat) {
            this.thermostat = thermostat;
        }

        @Override
        public synchronized void targetChanged(int target) {
            shown = target;
        }

        public synchronized void refresh() {
            shown = thermostat.target();
        }

        public synchronized int shown() {
            return shown;
        }
    }
}
