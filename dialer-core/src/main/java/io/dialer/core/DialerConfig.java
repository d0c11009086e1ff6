package io.dialer.core;

import io.dialer.media.rtp.RtpSettings;
import io.dialer.sip.ua.StackSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Dialer} is built from: its trunks, numbering region, call
 * timers, pre-connect voicemail rule and the SIP stack's settings. Immutable;
 * use {@link #builder()}.
 *
 * @param trunks             by name, in the order given; the first is the default
 * @param defaultRegion      ISO 3166 region for numbers dialed without {@code +} (e.g. {@code "US"})
 * @param timers             call timers
 * @param preconnectMinRing  {@code voicemail.preconnect_min_ring}: a 480/408 after ringing this long is
 *                           voicemail; empty turns the rule off
 * @param stack              the SIP stack's settings (local address, ports, TLS, DNS server)
 * @param media              RTP settings (port range; bound on the SIP stack's address); empty for calls
 *                           without media (no SDP offer), e.g. pure signalling load tests
 * @param directionHeader    the INVITE header where a platform marks a received call's direction
 *                           (e.g. {@code X-Call-Direction}); empty to call every received call {@code inbound}
 */
public record DialerConfig(Map<String, TrunkConfig> trunks, String defaultRegion, CallTimers timers,
                           Optional<Duration> preconnectMinRing, StackSettings stack, Optional<RtpSettings> media,
                           Optional<String> directionHeader) {

    public DialerConfig {
        trunks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(trunks));
        if (trunks.isEmpty()) {
            throw new IllegalArgumentException("a dialer needs at least one trunk");
        }
        Objects.requireNonNull(defaultRegion, "defaultRegion");
        Objects.requireNonNull(timers, "timers");
        preconnectMinRing = preconnectMinRing == null ? Optional.empty() : preconnectMinRing;
        Objects.requireNonNull(stack, "stack");
        media = media == null ? Optional.empty() : media;
        directionHeader = directionHeader == null ? Optional.empty() : directionHeader;
    }

    /** The trunk calls use when they name none. */
    public TrunkConfig defaultTrunk() {
        return trunks.values().iterator().next();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link DialerConfig}; every setting but the trunks has a default. */
    public static final class Builder {
        private final List<TrunkConfig> trunks = new ArrayList<>();
        private String defaultRegion = "US";
        private CallTimers timers = CallTimers.defaults();
        private Optional<Duration> preconnectMinRing = Optional.of(Duration.ofSeconds(4));
        private StackSettings stack = StackSettings.defaults();
        private Optional<RtpSettings> media = Optional.of(RtpSettings.defaults().withIoThreads(1));
        private Optional<String> directionHeader = Optional.empty();

        private Builder() {
        }

        public Builder trunk(TrunkConfig trunk) {
            trunks.add(trunk);
            return this;
        }

        public Builder defaultRegion(String region) {
            this.defaultRegion = region;
            return this;
        }

        public Builder timers(CallTimers t) {
            this.timers = t;
            return this;
        }

        /** Sets {@code voicemail.preconnect_min_ring}; {@link Duration#ZERO} or null turns the rule off. */
        public Builder preconnectMinRing(Duration d) {
            this.preconnectMinRing = d == null || d.isZero() ? Optional.empty() : Optional.of(d);
            return this;
        }

        public Builder stack(StackSettings s) {
            this.stack = s;
            return this;
        }

        /** RTP for calls (default: ports 20000-29999, one event loop); null for calls without media. */
        public Builder media(RtpSettings settings) {
            this.media = Optional.ofNullable(settings);
            return this;
        }

        /** The INVITE header that says a received call's direction, e.g. {@code X-Call-Direction}. */
        public Builder directionHeader(String name) {
            this.directionHeader = Optional.ofNullable(name);
            return this;
        }

        public DialerConfig build() {
            Map<String, TrunkConfig> byName = new LinkedHashMap<>();
            for (TrunkConfig t : trunks) {
                if (byName.putIfAbsent(t.name(), t) != null) {
                    throw new IllegalArgumentException("two trunks are named " + t.name());
                }
            }
            // RTP binds where SIP does, so the SDP's address is one we listen on.
            Optional<RtpSettings> rtp = media.map(m -> new RtpSettings(stack.transport().bindAddress(), m.portMin(),
                    m.portMax(), m.nativeTransport(), m.ioThreads(), m.clockSlots(), m.rtcpInterval(), m.clockRate()));
            return new DialerConfig(byName, defaultRegion, timers, preconnectMinRing, stack, rtp, directionHeader);
        }
    }
}
