package io.github.gridlock.samples.lockorder;

/**
 * GL_ARGUMENT_LOCK_ORDER on parameters of related types: {@code payInterest(Account from, SavingsAccount to)}. The
 * types differ, but a SavingsAccount is an Account, so both {@code payInterest(s1, s2)} and {@code payInterest(s2, s1)}
 * are legal calls, and together they are seed {@code 004_9b7a5e9ccfbf269c.txt}'s {@code transfer(a, b)} / {@code
 * transfer(b, a)} deadlock. Reported at the inner {@code synchronized (to)}.
 *
 * @see SavingsTransferFixed
 */
public class SavingsTransferDeadlock {

    public static void payInterest(Account from, SavingsAccount to, long amount) {
        synchronized (from) {
            from.withdraw(amount);
            synchronized (to) { // expect: GL_ARGUMENT_LOCK_ORDER
                to.credit(amount);
            }
        }
    }
}
