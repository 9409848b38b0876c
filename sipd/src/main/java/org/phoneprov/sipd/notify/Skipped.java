package org.phoneprov.sipd.notify;

import org.phoneprov.common.mac.Mac;

/** A selected phone that gets no NOTIFY, and why, in words for the admin. */
public record Skipped(Mac mac, String reason) {
}
