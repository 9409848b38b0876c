/**
 * check-sync NOTIFYs (APS seed 3.4): which phones get one ({@link org.phoneprov.sipd.notify.Targets}),
 * when each leaves ({@link org.phoneprov.sipd.notify.SendSchedule}), what it says
 * ({@link org.phoneprov.sipd.notify.CheckSyncRequest}), how its RFC 3261 client transaction
 * and digest challenge play out ({@link org.phoneprov.sipd.notify.NotifyTransaction},
 * {@link org.phoneprov.common.auth.DigestAnswer}), all as plain Java; and the one Netty
 * piece that carries them ({@link org.phoneprov.sipd.notify.CheckSyncClient}).
 */
package org.phoneprov.sipd.notify;
