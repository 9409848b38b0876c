package org.phoneprov.dhcpd.ha;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.phoneprov.common.config.HaSettings;

/** {@code phoneprov ha status}: asks a node of the pair for its state, signed with the shared secret. */
public final class HaStatusQuery {
    private HaStatusQuery() {
    }

    /**
     * @param node which node to ask: this node ({@code this_node}) or its partner
     * @return the node's status object, or an exception saying why there is none
     */
    public static ObjectNode ask(HaSettings settings, String node) throws Exception {
        HaSettings.Peer asked = settings.peerNamed(node)
                .orElseThrow(() -> new IllegalArgumentException("no peer named '" + node + "' in dhcpd.ha.peers"));
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ha-status");
            t.setDaemon(true);
            return t;
        });
        try {
            HaPartnerLink link = new HaPartnerLink(settings, asked, new HaAuth(settings.secret()), pool,
                    System::currentTimeMillis);
            return link.post(HaWire.STATUS, HaWire.object(), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(node + " at " + where(settings, node) + ": "
                    + HaPartnerLink.reason(e).orElse("no answer"), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(node + " at " + where(settings, node) + ": no answer within 10 s", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String where(HaSettings s, String node) {
        return s.peerNamed(node).map(p -> p.address().getHostAddress() + ":" + p.port()).orElse("?");
    }
}
