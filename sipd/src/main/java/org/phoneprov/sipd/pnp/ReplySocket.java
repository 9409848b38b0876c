package org.phoneprov.sipd.pnp;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * Where answers leave: sipd's unicast socket, never the group.
 *
 * @param channel  the unicast socket (a handler's own channel when it is that socket)
 * @param local    its concrete address, for our Via and Contact (never the wildcard)
 * @param notifies the server's one retransmitter, writing to the same channel
 */
public record ReplySocket(Channel channel, Supplier<InetSocketAddress> local, NotifyRetransmitter notifies) {
}
