package audit;

import accounts.Accounts;
import api.Listener;

/** Takes the journal lock when told, and credits the accounts while holding it: the second half. */
public class Audit implements Listener {
    static final Object JOURNAL = new Object();
    private Accounts accounts;
    private int events;

    public void attach(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public void onEvent() {
        synchronized (JOURNAL) {
            events++;
        }
    }

    public void flush() {
        synchronized (JOURNAL) {
            accounts.credit();
        }
    }
}
