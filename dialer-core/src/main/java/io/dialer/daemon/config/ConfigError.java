package io.dialer.daemon.config;

/**
 * One problem with the daemon's configuration.
 *
 * @param path  the key path, e.g. {@code trunks[0].max_cps}
 * @param value the value as written (never a resolved secret), or null when the key is missing
 * @param why   what is wrong and what is expected
 */
public record ConfigError(String path, String value, String why) {

    /** {@code trunks[0].max_cps: -3: must be 0 (no limit) or more}. */
    public String line() {
        return path + (value == null ? "" : ": '" + value + "'") + ": " + why;
    }
}
