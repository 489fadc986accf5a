package io.github.gridlock.samples.sharedstate;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Look-alike for GL_CHECK_THEN_ACT in a channel handler that all channels share: {@link #queueOf} checks a concurrent
 * map with {@code get()} and puts on a miss, but the key is computed from the handler's context
 * ({@code ctx.channel().hashCode()}), and Netty calls a handler's methods that take the context on that context's
 * executor, the channel's one event loop. Two calls racing on one key are calls for one channel: they run on its one
 * thread, one after the other. Calls for other channels run on other threads, but they use other keys. The shape of
 * Netty's {@code GlobalTrafficShapingHandler.getOrSetPerChannel} and {@code GlobalChannelTrafficShapingHandler
 * .getOrSetPerChannel} (round 4 of the corpus review, both false), reached from {@code handlerAdded} and from
 * {@code write}.
 *
 * <p>What still races: a key that does not come from the context ({@link #register}: a name two channels may share),
 * so two channels' event loops may check and put it at the same time; and a helper that takes the context but runs in
 * a task handed to a pool ({@link #openLater}), on the pool's threads rather than the channel's loop.
 */
public class ChannelHandlerLookAlikes implements ChannelHandler {

    private final Map<Integer, Deque<Object>> perChannel = new ConcurrentHashMap<>();
    private final Map<String, Object> byName = new ConcurrentHashMap<>();
    private final Map<Integer, Object> sessions = new ConcurrentHashMap<>();
    private final Executor pool;

    public ChannelHandlerLookAlikes(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        queueOf(ctx);
    }

    /** Queues a message for the channel, creating its queue on a first write before {@code handlerAdded}. */
    public void write(ChannelHandlerContext ctx, Object msg) {
        queueOf(ctx).add(msg);
    }

    private Deque<Object> queueOf(ChannelHandlerContext ctx) {
        Integer key = ctx.channel().hashCode();
        Deque<Object> queue = perChannel.get(key);
        if (queue == null) {
            queue = new ArrayDeque<>();
            perChannel.put(key, queue);
        }
        return queue;
    }

    /** A name two channels may share: their loops may both miss and both put, and one registration is lost. */
    public void register(ChannelHandlerContext ctx, String name) {
        if (byName.get(name) == null) {
            byName.put(name, new Object()); // expect: GL_CHECK_THEN_ACT
        }
    }

    /** Handed to a pool: the helper that takes the context runs on a pool thread, once per call. */
    public void openLater(ChannelHandlerContext ctx) {
        pool.execute(() -> openSession(ctx));
    }

    private void openSession(ChannelHandlerContext ctx) {
        Integer key = ctx.channel().hashCode();
        if (sessions.get(key) == null) {
            sessions.put(key, new Object()); // expect: GL_CHECK_THEN_ACT
        }
    }
}
