package org.phoneprov.phonesim.net;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import org.phoneprov.phonesim.fetch.FetchResult;

/**
 * A TFTP client for one phone: each read on its own socket, bound to the phone's
 * address and an ephemeral port (the phone's transfer ID), closed when the read ends.
 * The transfer itself is {@link TftpTransfer}. Never throws for network trouble.
 */
public final class TftpFetch {
    /** Far above the largest firmware image; a server that never sends a short block must end somewhere. */
    public static final long MAX_SIZE = 64L * 1024 * 1024;

    private final InetAddress localAddress;
    private final FetchTimeouts timeouts;
    private final long maxSize;

    /** @param localAddress the phone's own address to send from; null for any */
    public TftpFetch(InetAddress localAddress, FetchTimeouts timeouts) {
        this(localAddress, timeouts, MAX_SIZE);
    }

    TftpFetch(InetAddress localAddress, FetchTimeouts timeouts, long maxSize) {
        this.localAddress = localAddress;
        this.timeouts = timeouts;
        this.maxSize = maxSize;
    }

    /** Reads {@code name} (sent byte for byte as ISO-8859-1) from {@code server}, usually port 69. */
    public FetchResult read(InetSocketAddress server, String name) {
        if (server.isUnresolved()) {
            return new FetchResult.Unreachable("unknown host " + server.getHostString());
        }
        DatagramSocket socket;
        try {
            socket = new DatagramSocket(new InetSocketAddress(localAddress, 0));
        } catch (SocketException e) {
            return new FetchResult.Unreachable("cannot bind a UDP port on "
                    + (localAddress == null ? "any address" : localAddress.getHostAddress()) + ": " + e.getMessage());
        }
        TftpTransfer transfer = new TftpTransfer(socket, server, name, timeouts, maxSize);
        try (socket) {
            return transfer.run();
        } catch (IOException e) {
            // A send failed (no route, interface gone): unreachable before the first answer, broken after it.
            String detail = "TFTP to " + server + ": " + e.getMessage();
            return transfer.answered() ? new FetchResult.Failed(detail) : new FetchResult.Unreachable(detail);
        }
    }
}
