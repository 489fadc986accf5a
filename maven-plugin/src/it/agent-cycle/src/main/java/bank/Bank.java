package bank;

/** Two accounts' locks, taken in the order of the transfer's direction: the classic inversion. */
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
