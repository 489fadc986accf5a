package io.github.gridlock.samples.sharedstate;

import java.util.List;
import java.util.concurrent.ExecutorService;
import javax.swing.SwingUtilities;

/**
 * Look-alikes for GL_UNSYNCHRONIZED_COUNTER and GL_VOLATILE_COUNTER on work confined to one thread: everything
 * {@code invokeLater} runs, runs on the one event dispatch thread, one task after the other, however many places
 * hand it work; and a method that asserts it is on that thread ({@code assert SwingUtilities.isEventDispatchThread()})
 * runs there whoever calls it. The same shape as Netty's event loops ({@code assert executor.inEventLoop()}, found
 * on 11 corpus findings that were all false). The last counter is also bumped by a pool task: that one races.
 */
public class EventThreadLookAlikes {

    private int repaints;
    private volatile int clicks;
    private int mixed;

    /** Several hand-offs, one thread: the clicks never overlap. */
    public void onClicks(List<String> buttons) {
        for (String b : buttons) {
            SwingUtilities.invokeLater(() -> clicks++);
        }
    }

    public void onKey() {
        SwingUtilities.invokeLater(() -> clicks += 2);
    }

    /** Queued for the event thread, from any thread. */
    public void requestRepaint() {
        SwingUtilities.invokeLater(this::repaintNow);
        SwingUtilities.invokeLater(this::repaintNow);
    }

    private void repaintNow() {
        repaints++;
    }

    /** Public, but it refuses to run anywhere but the event thread. */
    public void refresh() {
        assert SwingUtilities.isEventDispatchThread();
        repaints += 2;
    }

    /**
     * On the event thread now, or queued for it: the "yes" side of the check runs there, like the task (Netty's
     * {@code if (ctx.executor().inEventLoop()) closeOutbound0(p); else ctx.executor().execute(() -> closeOutbound0(p));}).
     */
    public void refreshSoon() {
        if (SwingUtilities.isEventDispatchThread()) {
            repaints++;
        } else {
            SwingUtilities.invokeLater(() -> repaints++);
        }
    }

    /** The other spelling: leave for the event thread, and what follows the check runs there. */
    public void refreshOrRequeue() {
        if (!SwingUtilities.isEventDispatchThread()) {
            SwingUtilities.invokeLater(this::refreshOrRequeue);
            return;
        }
        repaints += 3;
    }

    private int both;

    /**
     * After the if/else, the code runs on whichever thread called: that update races with the event thread's task
     * (the "yes" side's update does not: it runs on the event thread, and the caller's code after it is the same call).
     */
    public void refreshThenCount() {
        if (SwingUtilities.isEventDispatchThread()) {
            both++;
        } else {
            SwingUtilities.invokeLater(() -> both++); // expect: GL_UNSYNCHRONIZED_COUNTER
        }
        both += 2; // expect: GL_UNSYNCHRONIZED_COUNTER
    }

    /** One update on the event thread, one on a pool thread: these two do race. */
    public void mix(ExecutorService pool) {
        SwingUtilities.invokeLater(() -> mixed++); // expect: GL_UNSYNCHRONIZED_COUNTER
        pool.execute(() -> mixed++); // expect: GL_UNSYNCHRONIZED_COUNTER
    }

    public int clicks() {
        return clicks;
    }
}
