package io.dialer.daemon.config;

import java.util.Objects;

/** A secret from the configuration (API key, webhook secret, password); never printed. */
public record Secret(String value) {

    public Secret {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
