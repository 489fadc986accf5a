package io.github.gridlock.samples.sharedstate;

import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Look-alikes for GL_UNSYNCHRONIZED_COUNTER and GL_SPLIT_READ_MODIFY_WRITE on work posted to an executor that is one
 * thread by contract: all the tasks of one {@code java.util.Timer} run on that timer's single background thread, one
 * after the other, however many places schedule them, so they never update a field at the same time. The same shape as
 * Netty's event loops: {@code SslHandler.closeOutbound} posts {@code closeOutbound0} with
 * {@code ctx.executor().execute(...)}, {@code SslTasksRunner.resumeOnEventExecutor} starts with
 * {@code assert ctx.executor().inEventLoop()}, and both update {@code SslHandler.state}: all on the channel's one event
 * loop (round 4 of the corpus review, both false). The timer here is named as a field, through a local holding it, and
 * through a getter of another object, as the Netty code names {@code ctx.executor()}.
 *
 * <p>What still races: a timer task and a pool task, and the tasks of two different timers.
 *
 * <p>The same holds for an executor made by {@code Executors.newSingleThreadExecutor()} (or
 * {@code newSingleThreadScheduledExecutor()}) and kept in a final field: the JDK runs its tasks one at a time, in turn,
 * on one thread ({@link SingleThreadLoop}); a pool of four threads, or an executor field that another one may replace,
 * does not ({@link FourThreadLoop}, {@link ReplaceableLoop}).
 */
public class OneThreadExecutorLookAlikes {

    /** Hands out a timer (like Netty's {@code ChannelHandlerContext.executor()}). */
    public interface Scheduler {
        Timer timer();
    }

    private final Timer timer = new Timer("ticks", true);
    private final Timer other = new Timer("other", true);
    private final Scheduler scheduler;
    private int ticks;
    private long lastSeen;
    private int mixed;
    private int split;

    public OneThreadExecutorLookAlikes(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Two tasks of one timer: they run one after the other on its thread. */
    public void tick() {
        timer.schedule(new TimerTask() {
            @Override
            public void run() {
                ticks++;
            }
        }, 10L);
    }

    /** The same timer through a local that holds it, every 10 ms: still the timer's one thread. */
    public void tickEvery() {
        Timer t = timer;
        t.scheduleAtFixedRate(new TimerTask() {
            @Override
            public void run() {
                bump(2);
            }
        }, 10L, 10L);
    }

    private void bump(int n) {
        ticks += n;
    }

    /** Read, compare and write back, in two tasks of the timer another object hands out. */
    public void watch(long now) {
        scheduler.timer().schedule(new TimerTask() {
            @Override
            public void run() {
                if (lastSeen < now) {
                    lastSeen = now;
                }
            }
        }, 5L);
        scheduler.timer().schedule(new TimerTask() {
            @Override
            public void run() {
                lastSeen = lastSeen + 1;
            }
        }, 50L);
    }

    /** One update on the timer's thread, one on a pool thread: these two do race. */
    public void mix(ExecutorService pool) {
        timer.schedule(new TimerTask() {
            @Override
            public void run() {
                mixed++; // expect: GL_UNSYNCHRONIZED_COUNTER
            }
        }, 10L);
        pool.execute(() -> mixed++); // expect: GL_UNSYNCHRONIZED_COUNTER
    }

    /** Two timers are two threads: these race too. */
    public void twoTimers() {
        timer.schedule(new TimerTask() {
            @Override
            public void run() {
                split++; // expect: GL_UNSYNCHRONIZED_COUNTER
            }
        }, 1L);
        other.schedule(new TimerTask() {
            @Override
            public void run() {
                split++; // expect: GL_UNSYNCHRONIZED_COUNTER
            }
        }, 1L);
    }

    public int ticks() {
        return ticks;
    }

    /**
     * A method that posts itself again and returns when it is busy (Netty's {@code ChannelOutboundBuffer.close}: "close
     * again later, on the event loop", round 4, false): none of its code runs after that hand-off in the same call, so
     * the task does not race with "the rest of close()" of the call that posted it. It still runs beside later calls
     * of the public API, which the analysis cannot place on the loop's thread: a low-priority finding that says so.
     */
    public static final class OutboundBuffer {
        private final Executor loop;
        private boolean inFail;
        private int nioBufferCount;

        public OutboundBuffer(Executor loop) {
            this.loop = loop;
        }

        public void close() {
            if (inFail) {
                loop.execute(new Runnable() {
                    @Override
                    public void run() {
                        close();
                    }
                });
                return;
            }
            inFail = true;
            try {
                clearNioBuffers();
            } finally {
                inFail = false;
            }
        }

        private void clearNioBuffers() {
            int count = nioBufferCount;
            if (count > 0) {
                nioBufferCount = 0; // expect-low: GL_SPLIT_READ_MODIFY_WRITE
            }
        }
    }

    /** The usual "confine it to one thread" fix: every update runs on the one thread of a single-thread executor. */
    public static final class SingleThreadLoop {
        private final ExecutorService loop = Executors.newSingleThreadExecutor();
        private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        private int events;
        private long bytes;
        private int handled;
        private int ticks;
        private java.util.concurrent.ScheduledFuture<?> ticking;

        public void onEvent(byte[] payload) {
            loop.execute(() -> {
                events++;
                bytes += payload.length;
            });
        }

        public void reset() {
            loop.execute(() -> {
                events = 0;
                bytes = 0;
            });
        }

        public void handleAll(java.util.List<String> names) {
            for (String name : names) {
                loop.execute(() -> handled += name.length());
            }
        }

        public void startTicking() {
            ticking = ticker.scheduleAtFixedRate(() -> ticks++, 1L, 1L, TimeUnit.SECONDS);
            ticker.execute(() -> ticks += 10);
        }

        public void close() {
            ticking.cancel(false);
            ticker.shutdown();
            loop.shutdown();
        }
    }

    /** The twin that races: four threads take the tasks, so two updates may run at once. */
    public static final class FourThreadLoop {
        private final ExecutorService pool = Executors.newFixedThreadPool(4);
        private int handled;

        public void handleAll(java.util.List<String> names) {
            for (String name : names) {
                pool.execute(() -> handled += name.length()); // expect: GL_UNSYNCHRONIZED_COUNTER
            }
        }

        public void close() {
            pool.shutdown();
        }
    }

    /** A single-thread executor in a field anyone may replace: the next one is another thread, so nothing is confined. */
    public static final class ReplaceableLoop {
        private ExecutorService loop = Executors.newSingleThreadExecutor();
        private int handled;

        public void use(ExecutorService replacement) {
            loop = replacement;
        }

        public void handleAll(java.util.List<String> names) {
            for (String name : names) {
                loop.execute(() -> handled += name.length()); // expect: GL_UNSYNCHRONIZED_COUNTER
            }
        }

        public void close() {
            loop.shutdown();
        }
    }
}
