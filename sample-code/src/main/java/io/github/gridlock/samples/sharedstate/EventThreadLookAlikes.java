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

    /** One update on the event thread, one on a pool thread: these two do race. */
    public void mix(ExecutorService pool) {
        SwingUtilities.invokeLater(() -> mixed++); // expect: GL_UNSYNCHRONIZED_COUNTER
        pool.execute(() -> mixed++); // expect: GL_UNSYNCHRONIZED_COUNTER
    }

    public int clicks() {
        return clicks;
    }
}
