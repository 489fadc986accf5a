package io.netty.channel;

/** Stand-in for Netty's interface of the same name (see {@link ChannelHandler}): the context of one handler in one channel. */
public interface ChannelHandlerContext {
    Channel channel();
}
