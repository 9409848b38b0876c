package org.phoneprov.cli;

import java.util.Optional;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.config.StoreSettings;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.pg.PgDatabase;
import org.phoneprov.common.pg.SchemaCheck;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code phoneprov db migrate|status}: the schema of the PostgreSQL store. Daemons never change
 * it (see {@link PgDatabase}): the admin migrates once per upgrade, from one node, and every
 * node checks the version at start.
 */
@Command(name = "db", description = "The PostgreSQL store's schema (store: {type: postgresql}).")
final class DbCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "migrate", description = "Apply this phoneprov's schema migrations to the store's database:"
            + " after installing or upgrading, once, before the nodes start.")
    int migrate(@Mixin ConfigOption options) {
        return withDatabase(options, "db-migrate", db -> {
            PgDatabase.Migrated m = db.migrate();
            if (m.applied().isEmpty()) {
                System.out.println("db migrate: " + db.url() + " is at schema version " + m.to() + "; nothing to do");
            } else {
                System.out.println("db migrate: " + db.url() + " schema version " + m.from() + " -> " + m.to()
                        + ": applied " + String.join(", ", m.applied()));
            }
            return 0;
        });
    }

    @Command(name = "status", description = "Say whether this phoneprov can use the store's schema"
            + " (exit 0), or what to run (exit 1).")
    int status(@Mixin ConfigOption options) {
        return withDatabase(options, "db-status", db -> {
            SchemaCheck check = db.schema();
            System.out.println("db status: " + check.advice(db.url()));
            return check.usable() ? 0 : 1;
        });
    }

    private interface Step {
        int run(PgDatabase db) throws StoreException;
    }

    private static int withDatabase(ConfigOption options, String purpose, Step step) {
        Quiet.logs();
        Optional<SuiteConfig> loaded = options.load();
        if (loaded.isEmpty()) {
            return 1;
        }
        StoreSettings store = loaded.get().store();
        if (store.type() != StoreSettings.Type.POSTGRESQL) {
            System.out.println("db: the store is SQLite, under " + loaded.get().paths().state()
                    + "; its files carry their own schema: nothing to do");
            return 0;
        }
        try (PgDatabase db = PgDatabase.connect(store, purpose)) {
            return step.run(db);
        } catch (StoreException e) {
            System.err.println("phoneprov: " + e.getMessage());
            return 1;
        }
    }
}
