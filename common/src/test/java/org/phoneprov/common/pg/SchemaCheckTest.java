package org.phoneprov.common.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A node uses exactly the schema its migrations end at; anything else says what to run. */
class SchemaCheckTest {
    static final String DB = "jdbc:postgresql://db/pp";

    @Test
    void onlyTheKnownVersionIsUsable() {
        assertTrue(new SchemaCheck(2, 2, false).usable());
        assertEquals(SchemaCheck.Verdict.EMPTY, new SchemaCheck(0, 2, false).verdict());
        assertEquals(SchemaCheck.Verdict.BEHIND, new SchemaCheck(1, 2, false).verdict());
        assertEquals(SchemaCheck.Verdict.AHEAD, new SchemaCheck(3, 2, false).verdict());
        assertEquals(SchemaCheck.Verdict.FAILED, new SchemaCheck(2, 2, true).verdict());
        assertFalse(new SchemaCheck(3, 2, false).usable());
    }

    @Test
    void theAdviceNamesTheCommandOrTheUpgrade() {
        assertTrue(new SchemaCheck(0, 1, false).advice(DB).contains("run 'phoneprov db migrate --config FILE'"));
        assertTrue(new SchemaCheck(1, 2, false).advice(DB).contains("at schema version 1, this phoneprov needs 2"));
        String ahead = new SchemaCheck(3, 2, false).advice(DB);
        assertTrue(ahead.contains("newer than this phoneprov knows (2); upgrade phoneprov"), ahead);
        assertTrue(ahead.startsWith("database " + DB), ahead);
    }
}
