package io.github.gridlock.detectors.inputs;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;

import java.util.concurrent.Executor;

/**
 * Inputs for the callback-contract fact ({@code SharedFields.argumentThread}): {@code // argument thread: KEY#PARAMETER}
 * on a field access names the parameter whose executor runs the access's method by a {@code callback=} row of the
 * table (a Netty handler's method that takes its context), {@code null} when none does.
 */
public class ArgumentThreads implements ChannelHandler {
    private final Executor pool;
    private int added;
    private int seen;
    private int pooled;

    public ArgumentThreads(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        added++; // argument thread: argument:io.netty.channel.ChannelHandlerContext#0
    }

    void seen(String name, ChannelHandlerContext ctx) {
        seen++; // argument thread: argument:io.netty.channel.ChannelHandlerContext#1
    }

    public void noContext() {
        seen--; // argument thread: null
    }

    public void later(ChannelHandlerContext ctx) {
        pool.execute(() -> pooled(ctx));
    }

    private void pooled(ChannelHandlerContext ctx) {
        pooled++; // argument thread: null
    }

    /** Takes a context but is no handler. */
    static class Helper {
        private int n;

        void touch(ChannelHandlerContext ctx) {
            n++; // argument thread: null
        }
    }
}
