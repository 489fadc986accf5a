package bank;

/** The fixed twin: every transfer takes checking first, then savings. */
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
        synchronized (checking) {
            synchronized (savings) {
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
