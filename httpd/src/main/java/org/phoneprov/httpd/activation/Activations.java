package org.phoneprov.httpd.activation;

import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.phoneprov.common.config.ActivationCode;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;

/**
 * Whether a phone that proved an activation code gets its profile (Gigaset seed, MSC
 * "Autoprovisioning with Activation Code": "The IP Phone is prepared for Autoprovisioning with
 * activation code (locked or non locked (One Shot))"):
 * <ul>
 * <li>one-shot: the first phone gets it, and the code is spent; nobody gets it again;</li>
 * <li>locked: the first phone gets it and the code is bound to that phone's MAC; that phone keeps
 *     getting it (a reboot, a later check), any other phone is refused.</li>
 * </ul>
 * The use is stored before the answer is given, so a restart never lets a spent code work again.
 * Plain Java over {@link ActivationUses}; calls block on the store's fsync: run them off the event
 * loop.
 */
public final class Activations {
    private final ActivationUses uses;
    private final LongSupplier epochMillis;

    public Activations(ActivationUses uses, LongSupplier epochMillis) {
        this.uses = Objects.requireNonNull(uses, "uses");
        this.epochMillis = Objects.requireNonNull(epochMillis, "epochMillis");
    }

    public sealed interface Verdict permits Granted, Refused {
    }

    /** The phone gets the code's profile; {@code use} is what is now stored. */
    public record Granted(ActivationUse use) implements Verdict {
    }

    /**
     * @param reason {@code code_spent} (a one-shot code used before) or {@code code_locked} (bound
     *               to {@code boundTo}, another phone)
     */
    public record Refused(String reason, Mac boundTo) implements Verdict {
    }

    /**
     * The locked code this phone activated, for its later checks: its profile names the suite's
     * profile folder, so the phone comes back for {@code gigaset/<MAC>.xml} without its code.
     * A one-shot code has no later: it worked once.
     */
    public Optional<ActivationCode> lockedTo(Mac phone, java.util.Map<String, ActivationCode> codes) {
        return uses.usesBy(phone).stream().map(u -> codes.get(u.user()))
                .filter(c -> c != null && c.lock() == ActivationCode.Lock.LOCKED).findFirst();
    }

    /** Serialised: two phones racing for one code cannot both win it. */
    public synchronized Verdict use(ActivationCode code, Mac phone) throws StoreException {
        Optional<ActivationUse> before = uses.find(code.user());
        long now = epochMillis.getAsLong();
        if (before.isEmpty()) {
            ActivationUse first = new ActivationUse(code.user(), phone, now, now, 1);
            before = uses.claim(first); // a node sharing the store may have used it since our copy was read
            if (before.isEmpty()) {
                return new Granted(first);
            }
        }
        ActivationUse b = before.get();
        if (code.lock() == ActivationCode.Lock.ONE_SHOT) {
            return new Refused("code_spent", b.mac());
        }
        if (!b.mac().equals(phone)) {
            return new Refused("code_locked", b.mac());
        }
        ActivationUse again = b.again(now);
        uses.put(again);
        return new Granted(again);
    }
}
