package io.dialer.daemon.store;

import io.dialer.daemon.config.StoreSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** What differs between the two stores: how to connect, and where each one's migrations are. */
public enum SqlDialect {
    /** One node: a local file, write-ahead log. */
    SQLITE("sqlite"),
    /** Several nodes sharing one database (design.md §10). */
    POSTGRESQL("postgresql");

    private final String migrationDir;

    SqlDialect(String migrationDir) {
        this.migrationDir = migrationDir;
    }

    public static SqlDialect of(StoreSettings settings) {
        return settings.postgresql() ? POSTGRESQL : SQLITE;
    }

    /** Classpath folder of this dialect's numbered migrations. */
    String migrationDir() {
        return "db/migration/" + migrationDir;
    }

    Connection open(StoreSettings settings) throws SQLException {
        Properties props = new Properties();
        settings.username().ifPresent(u -> props.setProperty("user", u));
        settings.password().ifPresent(p -> props.setProperty("password", p.value()));
        Connection c = DriverManager.getConnection(settings.jdbcUrl(), props);
        if (this == SQLITE) {
            try (Statement s = c.createStatement()) {
                // WAL lets readers run beside the writer; synchronous=FULL keeps a committed
                // record on disk before its event goes out, even across a power cut.
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=5000");
            }
        }
        return c;
    }

    /** Serialises migrations between nodes starting at once (PostgreSQL); SQLite has one writer anyway. */
    void lockForMigration(Connection c) throws SQLException {
        if (this == POSTGRESQL) {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(7243101)");
            }
        }
    }
}
