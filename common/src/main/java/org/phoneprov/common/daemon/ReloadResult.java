package org.phoneprov.common.daemon;

import java.util.List;

/** What a daemon did with a reloaded config. */
public sealed interface ReloadResult {
    /** Everything applies to the next request. */
    record Applied() implements ReloadResult {
    }

    /**
     * The rest applies now; these keys keep their old values until the next start.
     * {@code appliesNow} tells the admin what did take effect (for the log line).
     */
    record RestartNeeded(List<String> keys, String appliesNow) implements ReloadResult {
        public RestartNeeded {
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("a restart is needed for some key");
            }
            keys = List.copyOf(keys);
        }
    }

    /** Nothing applied; the old config keeps serving in this daemon. */
    record Refused(String reason) implements ReloadResult {
    }

    static ReloadResult applied() {
        return new Applied();
    }

    /** {@link Applied} when no key changed, else {@link RestartNeeded} for those that did. */
    static ReloadResult restartFor(List<String> changedKeys, String appliesNow) {
        return changedKeys.isEmpty() ? applied() : new RestartNeeded(changedKeys, appliesNow);
    }
}
