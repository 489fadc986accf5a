package io.netty.channel;

/** Stand-in for Netty's interface of the same name (see {@link ChannelHandler}). */
public interface Channel {
}
