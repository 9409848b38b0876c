package org.phoneprov.common.pg;

/**
 * Whether a node may use the database's schema: the decision apart from Flyway, so each case
 * is tested. A node uses only the schema version its migrations end at; older or empty, the
 * admin runs {@code phoneprov db migrate}; newer, this node's phoneprov is the one to upgrade
 * (a later version may have changed what a row means).
 *
 * @param applied the version the database is at, 0 when nothing was ever migrated
 * @param known   the last version this build's migrations reach
 * @param failed  a migration is recorded as failed
 */
public record SchemaCheck(int applied, int known, boolean failed) {

    public enum Verdict { CURRENT, EMPTY, BEHIND, AHEAD, FAILED }

    public Verdict verdict() {
        if (failed) {
            return Verdict.FAILED;
        }
        if (applied == 0) {
            return Verdict.EMPTY;
        }
        if (applied < known) {
            return Verdict.BEHIND;
        }
        return applied > known ? Verdict.AHEAD : Verdict.CURRENT;
    }

    public boolean usable() {
        return verdict() == Verdict.CURRENT;
    }

    /** What is wrong and what to do, for {@code database} (its URL); empty words for CURRENT. */
    public String advice(String database) {
        return switch (verdict()) {
            case CURRENT -> "database " + database + " is at schema version " + applied;
            case EMPTY -> "database " + database + " has no phoneprov schema yet; run 'phoneprov db migrate --config FILE'"
                    + " once (a node never creates it by itself)";
            case BEHIND -> "database " + database + " is at schema version " + applied + ", this phoneprov needs "
                    + known + "; run 'phoneprov db migrate --config FILE'";
            case AHEAD -> "database " + database + " is at schema version " + applied + ", newer than this phoneprov"
                    + " knows (" + known + "); upgrade phoneprov on this node";
            case FAILED -> "database " + database + ": a schema migration failed part-way (at version " + applied
                    + "); repair it as that error said, then run 'phoneprov db migrate --config FILE' again";
        };
    }
}
