package org.phoneprov.dhcpd.ha;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.phoneprov.common.config.HaSettings;

/**
 * One node's HA state machine as plain Java, no sockets or threads: fed with each heartbeat's
 * outcome, the end of a lease sync and the partner's clients left waiting, it says which state
 * the node is in and whom it serves. Modelled on Kea's HA hook (Kea ARM, "ha: High Availability
 * Outage Resilience"), two nodes only:
 *
 * <pre>
 *  WAITING --partner answers (not syncing)--> SYNCING --leases fetched--> READY
 *  READY --partner ready or normal--> HOT_STANDBY | LOAD_BALANCING (a partner serving alone hands over first)
 *  normal --no answer for max_response_delay, and more than max_unacked_clients of the
 *           partner's clients waiting longer than max_ack_delay--> PARTNER_DOWN
 *  PARTNER_DOWN --partner ready--> normal          normal --partner says partner-down--> WAITING
 *  WAITING | READY --no answer for max_response_delay--> PARTNER_DOWN (a node alone still serves)
 *  any --clocks differ by more than 60 s--> TERMINATED (own share, no updates, until restart)
 * </pre>
 *
 * Single-threaded by contract: the HA service's own thread drives it.
 */
public final class HaMachine {
    /** Kea terminates HA beyond 60 s of clock skew: lease times would be judged differently by the nodes. */
    public static final long MAX_CLOCK_SKEW_MILLIS = 60_000;

    private final HaSettings settings;
    private final HaSettings.Role role;
    private HaState state = HaState.WAITING;
    private Optional<HaState> partner = Optional.empty();
    /** When the partner last answered, or when this node started looking for it. */
    private long lastAnswer;
    private boolean interrupted;
    private final Set<Long> unacked = new HashSet<>();
    private long changedAt;
    private String why = "started";

    public HaMachine(HaSettings settings, long nowMillis) {
        this.settings = settings;
        this.role = settings.self().role();
        this.lastAnswer = nowMillis;
        this.changedAt = nowMillis;
    }

    public HaState state() {
        return state;
    }

    public Optional<HaState> partnerState() {
        return partner;
    }

    /** The partner has not answered a heartbeat since the last one that came back. */
    public boolean communicationInterrupted() {
        return interrupted;
    }

    /** When the partner last answered, or when this node started looking for it. */
    public long lastAnswerAt() {
        return lastAnswer;
    }

    public long changedAt() {
        return changedAt;
    }

    /** Why the node entered its state, for the log and {@code ha status}. */
    public String reason() {
        return why;
    }

    public int unackedClients() {
        return unacked.size();
    }

    /** The partner answered a heartbeat: its state and its clock. */
    public void answered(HaState partnerState, long partnerClockMillis, long now) {
        partner = Optional.of(partnerState);
        lastAnswer = now;
        interrupted = false;
        unacked.clear();
        if (state == HaState.TERMINATED) {
            return;
        }
        long skew = Math.abs(partnerClockMillis - now);
        if (skew > MAX_CLOCK_SKEW_MILLIS) {
            to(HaState.TERMINATED, now, "the partner's clock differs by " + skew / 1000 + " s (more than "
                    + MAX_CLOCK_SKEW_MILLIS / 1000 + " s); fix NTP on both nodes, then restart them");
            return;
        }
        switch (state) {
            case WAITING -> {
                if (partnerState == HaState.SYNCING) {
                    return; // one node syncs at a time
                }
                if (partnerState == HaState.WAITING && role != HaSettings.Role.PRIMARY) {
                    return; // both starting: the primary syncs first, as in Kea
                }
                if (partnerState == HaState.TERMINATED) {
                    to(HaState.TERMINATED, now, "the partner is terminated");
                    return;
                }
                to(HaState.SYNCING, now, "the partner answers in " + partnerState.word());
            }
            case READY -> {
                // Not while the partner serves alone: it hands over when it sees this node ready.
                if (partnerState == HaState.READY || partnerState.normal()) {
                    to(normal(), now, "the partner is " + partnerState.word());
                }
            }
            case HOT_STANDBY, LOAD_BALANCING -> {
                if (partnerState == HaState.PARTNER_DOWN) {
                    // It served alone meanwhile: its leases are newer than ours.
                    to(HaState.WAITING, now, "the partner served alone (partner-down); sync from it");
                }
            }
            case PARTNER_DOWN -> {
                if (partnerState == HaState.READY || partnerState.normal()) {
                    to(normal(), now, "the partner is back and synced");
                } else if (partnerState == HaState.PARTNER_DOWN && role != HaSettings.Role.PRIMARY) {
                    // Both served alone (a partition): the primary keeps serving, this one syncs from it.
                    to(HaState.WAITING, now, "both nodes served alone; the primary keeps serving");
                }
            }
            case SYNCING, TERMINATED -> {
            }
        }
    }

    /** A heartbeat got no answer (refused, timed out, or an answer that did not authenticate). */
    public void unanswered(long now) {
        interrupted = true;
        if (now - lastAnswer < settings.maxResponseMillis()) {
            return;
        }
        partner = Optional.empty();
        switch (state) {
            case WAITING, READY -> to(HaState.PARTNER_DOWN, now, "no answer from the partner for "
                    + (now - lastAnswer) + " ms");
            case HOT_STANDBY, LOAD_BALANCING -> {
                // Kea: more than max-unacked-clients waiting; 0 means the silence alone is enough.
                if (settings.maxUnackedClients() == 0 || unacked.size() > settings.maxUnackedClients()) {
                    to(HaState.PARTNER_DOWN, now, "no answer from the partner for " + (now - lastAnswer) + " ms"
                            + (settings.maxUnackedClients() == 0 ? "" : " and " + unacked.size()
                            + " of its clients unanswered"));
                }
            }
            default -> {
            }
        }
    }

    /**
     * A client of the partner's share waited longer than max_ack_delay (its secs field says so):
     * counted while the partner does not answer, as Kea's failure detection does.
     */
    public void partnerClientWaiting(long mac, long now) {
        if (!interrupted || !state.normal()) {
            return;
        }
        unacked.add(mac);
        unanswered(now);
    }

    /** The lease sync of SYNCING ended. */
    public void synced(boolean ok, String detail, long now) {
        if (state != HaState.SYNCING) {
            return;
        }
        to(ok ? HaState.READY : HaState.WAITING, now, ok ? "leases synced: " + detail : "lease sync failed: " + detail);
    }

    /** Whom this node answers now. */
    public Serving serving() {
        return switch (state) {
            case WAITING, SYNCING, READY -> Serving.NONE;
            case PARTNER_DOWN -> Serving.ALL;
            case HOT_STANDBY, LOAD_BALANCING, TERMINATED -> role == HaSettings.Role.STANDBY ? Serving.NONE : Serving.OWN;
        };
    }

    /**
     * Whether an ACK waits for the partner to take its lease update, as in Kea: in the normal
     * states while the partner answers. A node serving alone, or in doubt about its partner, does
     * not wait (the partner syncs every lease when it comes back).
     */
    public boolean waitsForPartner() {
        return state.normal() && !interrupted;
    }

    /**
     * Whether lease updates go to the partner: whenever it answers, also while it waits or
     * syncs: a lease decided after the partner fetched its snapshot must reach it too, and a
     * heartbeat may not have told yet that it started syncing. Not to a terminated pair.
     */
    public boolean sendsUpdates() {
        return state != HaState.TERMINATED && partner.isPresent() && partner.get() != HaState.TERMINATED
                && !interrupted;
    }

    private HaState normal() {
        return settings.mode() == HaSettings.Mode.HOT_STANDBY ? HaState.HOT_STANDBY : HaState.LOAD_BALANCING;
    }

    private void to(HaState next, long now, String reason) {
        if (next == state) {
            return;
        }
        state = next;
        changedAt = now;
        why = reason;
        if (next != HaState.PARTNER_DOWN) {
            unacked.clear();
        }
    }
}
