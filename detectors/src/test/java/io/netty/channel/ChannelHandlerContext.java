package io.netty.channel;

/** Stand-in for Netty's interface of the same name, for the layer test input {@code inputs/ArgumentThreads}. */
public interface ChannelHandlerContext {
}
