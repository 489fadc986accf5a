package accounts;

import api.Listener;

/** Holds the ledger lock while it tells the listener: the first half of the cycle. */
public class Accounts {
    static final Object LEDGER = new Object();
    private final Listener listener;
    private int balance;

    public Accounts(Listener listener) {
        this.listener = listener;
    }

    public void post() {
        synchronized (LEDGER) {
            balance++;
            listener.onEvent();
        }
    }

    public void credit() {
        synchronized (LEDGER) {
            balance++;
        }
    }
}
