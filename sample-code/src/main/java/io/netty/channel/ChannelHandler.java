package io.netty.channel;

/**
 * Stand-in for Netty's interface of the same name, only what the samples use, so that the samples need no Netty on
 * their class path: Gridlock's callback-contract row (a handler's methods that take their {@link ChannelHandlerContext}
 * run on that context's executor) names the Netty types. See
 * {@code io.github.gridlock.samples.sharedstate.ChannelHandlerLookAlikes}.
 */
public interface ChannelHandler {
    void handlerAdded(ChannelHandlerContext ctx) throws Exception;
}
