package bank;

/** The inversion, suppressed where it is. */
@edu.umd.cs.findbugs.annotations.SuppressFBWarnings(value = "GL_LOCK_ORDER_INVERSION",
        justification = "the test of the suppression")
public class Bank {
    private final Object checking = new Object();
    private final Object savings = new Object();
    private int moved;

    public void checkingToSavings() {
        synchronized (checking) {
            synchronized (savings) {
                moved++;
            }
        }
    }

    public void savingsToChecking() {
        synchronized (savings) {
            synchronized (checking) {
                moved++;
            }
        }
    }

    public int moved() {
        synchronized (checking) {
            return moved;
        }
    }
}
