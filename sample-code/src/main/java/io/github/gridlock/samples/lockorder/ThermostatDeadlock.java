package io.github.gridlock.samples.lockorder;

/**
 * GL_LOCK_ORDER_INVERSION through a callback (a virtual call to an interface, dispatched to every analysed
 * implementation). {@code setTarget} holds the thermostat's monitor and notifies its {@link Listener};
 * the {@link Display}'s {@code targetChanged} is synchronized on the display. {@code Display.refresh} holds
 * the display and calls the thermostat's synchronized {@code target()}. Setting the target while the display
 * refreshes deadlocks: "calling alien methods with a lock held". Reported once, at the callback call in
 * {@code setTarget} (the earlier edge in this file).
 *
 * @see ThermostatFixed
 */
public class ThermostatDeadlock {

    /** Told about every new target. */
    public interface Listener {
        void targetChanged(int target);
    }

    private Listener listener = target -> { };
    private int target = 20;

    public synchronized void setListener(Listener listener) {
        this.listener = listener;
    }

    public synchronized void setTarget(int target) {
        this.target = target;
        listener.targetChanged(target); // expect: GL_LOCK_ORDER_INVERSION
    }

    public synchronized int target() {
        return target;
    }

    /** Shows the target; keeps its own state under its own monitor. */
    public static final class Display implements Listener {
        private final ThermostatDeadlock thermostat;
        private int shown;

        public Display(ThermostatDeadlock thermostat) {
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
