package io.dialer.daemon.config;

import java.util.Optional;

/**
 * Where call records and the webhook outbox live.
 *
 * @param jdbcUrl  {@code jdbc:sqlite:PATH} (the default, one node) or {@code jdbc:postgresql://...}
 * @param username database user (PostgreSQL), if any
 * @param password database password (PostgreSQL), if any
 */
public record StoreSettings(String jdbcUrl, Optional<String> username, Optional<Secret> password) {

    /** A SQLite database file. */
    public static StoreSettings sqlite(java.nio.file.Path file) {
        return new StoreSettings("jdbc:sqlite:" + file, Optional.empty(), Optional.empty());
    }

    public boolean postgresql() {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }
}
