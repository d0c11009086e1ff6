package io.dialer.media.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parses SDP text (RFC 4566 §5) into a {@link SessionDescription}.
 *
 * <p>Our own small parser rather than jain-sip's {@code SdpFactory}: measured
 * on jain-sip-ri 1.3.0-91, that one prints stack traces to stderr for a bad
 * {@code m=} port, accepts {@code c=IN IP4} without an address and plain
 * garbage (failing later with NullPointerException or
 * StringIndexOutOfBoundsException), and its errors do not say which line was
 * wrong. Here every problem is an {@link SdpException} naming the line.
 *
 * <p>Lenient where real peers are sloppy: LF-only line ends (RFC 4566 §5
 * asks parsers to accept them), blank lines, attributes for payload types not
 * on the {@code m=} line (ignored), a missing {@code s=} or {@code t=}.
 * Strict where a wrong value would send media to the wrong place: version,
 * origin, connection and media lines, and unknown type letters, which make
 * RFC 4566 §5 reject the whole description.
 */
final class SdpParser {

    private static final String KNOWN_TYPES = "vosiuepcbtrzkam";

    private SdpParser() {
    }

    static SessionDescription parse(String text) throws SdpException {
        String[] lines = text.split("\r?\n", -1);
        Origin origin = null;
        String sessionName = "-";
        Connection sessionConnection = null;
        Direction sessionDirection = null;
        List<String> sessionAttributes = new ArrayList<>();
        List<MediaDescription> media = new ArrayList<>();
        MediaBuilder current = null;
        boolean versionSeen = false;

        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int number = i + 1;
            if (line.isBlank()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=') {
                throw new SdpException("not a <type>=<value> line", number, line);
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            if (KNOWN_TYPES.indexOf(type) < 0) {
                throw new SdpException("unknown type letter '" + type + "' (RFC 4566 §5)", number, line);
            }
            if (!versionSeen) {
                if (type != 'v' || !value.trim().equals("0")) {
                    throw new SdpException("an SDP body starts with v=0", number, line);
                }
                versionSeen = true;
                continue;
            }
            switch (type) {
                case 'o' -> origin = origin(value, number, line);
                case 's' -> sessionName = value;
                case 'c' -> {
                    Connection c = connection(value, number, line);
                    if (current == null) {
                        sessionConnection = c;
                    } else {
                        current.connection = c;
                    }
                }
                case 'm' -> {
                    if (current != null) {
                        media.add(current.build());
                    }
                    current = mediaLine(value, number, line);
                }
                case 'a' -> {
                    if (current == null) {
                        Optional<Direction> d = Direction.fromAttribute(value.trim());
                        if (d.isPresent()) {
                            sessionDirection = d.get();
                        } else {
                            sessionAttributes.add(value);
                        }
                    } else {
                        current.attribute(value, number, line);
                    }
                }
                default -> {
                    // i, u, e, p, b, t, r, z, k: nothing the engine acts on.
                }
            }
        }
        if (!versionSeen) {
            throw new SdpException("empty SDP body");
        }
        if (origin == null) {
            throw new SdpException("no o= line (RFC 4566 §5.2)");
        }
        if (current != null) {
            media.add(current.build());
        }
        return new SessionDescription(origin, sessionName, sessionConnection, sessionDirection, media, sessionAttributes);
    }

    private static Origin origin(String value, int number, String line) throws SdpException {
        String[] f = value.trim().split(" +");
        if (f.length != 6) {
            throw new SdpException("o= needs <username> <sess-id> <sess-version> IN <addrtype> <address>", number, line);
        }
        long version;
        try {
            version = Long.parseUnsignedLong(f[2]);
        } catch (NumberFormatException e) {
            throw new SdpException("o= session version is not a number", number, line);
        }
        if (version < 0) {
            // Beyond 2^63: no peer increments that far; keep the arithmetic simple.
            throw new SdpException("o= session version too large", number, line);
        }
        return new Origin(f[0], f[1], version, connection(f[3] + " " + f[4] + " " + f[5], number, line));
    }

    private static Connection connection(String value, int number, String line) throws SdpException {
        String[] f = value.trim().split(" +");
        if (f.length != 3 || f[2].isEmpty()) {
            throw new SdpException("connection needs IN <addrtype> <address>", number, line);
        }
        if (!f[0].equals("IN")) {
            throw new SdpException("network type must be IN", number, line);
        }
        if (!f[1].equals("IP4") && !f[1].equals("IP6")) {
            throw new SdpException("address type must be IP4 or IP6", number, line);
        }
        return new Connection(f[1], f[2]);
    }

    private static MediaBuilder mediaLine(String value, int number, String line) throws SdpException {
        String[] f = value.trim().split(" +");
        if (f.length < 4) {
            throw new SdpException("m= needs <media> <port> <proto> <fmt> ...", number, line);
        }
        String portText = f[1];
        int slash = portText.indexOf('/');
        if (slash >= 0) {
            // <port>/<number of ports> (RFC 4566 §5.14): only the first port is used for unicast.
            portText = portText.substring(0, slash);
        }
        int port = parseInt(portText, 0, 65535, "m= port", number, line);
        MediaBuilder b = new MediaBuilder(f[0], port, f[2]);
        // RTP/AVP, RTP/SAVP, RTP/AVPF, UDP/TLS/RTP/SAVPF: formats are payload type numbers (RFC 4566 §5.14).
        boolean rtp = f[2].toUpperCase(Locale.ROOT).contains("RTP/");
        for (int i = 3; i < f.length; i++) {
            if (rtp) {
                int pt = parseInt(f[i], 0, 127, "RTP payload type", number, line);
                b.formats.put(pt, PayloadFormat.staticType(pt).orElse(new PayloadFormat(pt, "", 0, 1, "")));
            } else {
                b.opaqueFormats.add(f[i]);
            }
        }
        return b;
    }

    static int parseInt(String text, int min, int max, String what, int number, String line) throws SdpException {
        try {
            int v = Integer.parseInt(text.trim());
            if (v < min || v > max) {
                throw new SdpException(what + " out of range " + min + "-" + max, number, line);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new SdpException(what + " is not a number", number, line);
        }
    }

    /** Collects one m= section's lines. */
    private static final class MediaBuilder {
        final String media;
        final int port;
        final String protocol;
        final Map<Integer, PayloadFormat> formats = new LinkedHashMap<>();
        final List<String> opaqueFormats = new ArrayList<>();
        final List<String> crypto = new ArrayList<>();
        final List<String> other = new ArrayList<>();
        Connection connection;
        int ptime;
        Direction direction;

        MediaBuilder(String media, int port, String protocol) {
            this.media = media;
            this.port = port;
            this.protocol = protocol;
        }

        void attribute(String value, int number, String line) throws SdpException {
            int colon = value.indexOf(':');
            String name = (colon < 0 ? value : value.substring(0, colon)).trim();
            String arg = colon < 0 ? "" : value.substring(colon + 1).trim();
            Optional<Direction> d = colon < 0 ? Direction.fromAttribute(name) : Optional.empty();
            if (d.isPresent()) {
                direction = d.get();
                return;
            }
            switch (name.toLowerCase(Locale.ROOT)) {
                case "rtpmap" -> rtpmap(arg, number, line);
                case "fmtp" -> fmtp(arg, number, line);
                case "ptime" -> ptime = ptime(arg, number, line);
                case "crypto" -> crypto.add(arg);
                default -> other.add(value);
            }
        }

        private void rtpmap(String arg, int number, String line) throws SdpException {
            // a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>] (RFC 4566 §6)
            String[] f = arg.split(" +", 2);
            if (f.length != 2) {
                throw new SdpException("rtpmap needs <payload type> <encoding>/<clock rate>", number, line);
            }
            int pt = parseInt(f[0], 0, 127, "rtpmap payload type", number, line);
            String[] enc = f[1].trim().split("/");
            if (enc.length < 2 || enc.length > 3 || enc[0].isEmpty()) {
                throw new SdpException("rtpmap needs <encoding>/<clock rate>", number, line);
            }
            int rate = parseInt(enc[1], 1, Integer.MAX_VALUE, "rtpmap clock rate", number, line);
            int channels = enc.length == 3 ? parseInt(enc[2], 1, 255, "rtpmap channels", number, line) : 1;
            PayloadFormat existing = formats.get(pt);
            if (existing != null) {
                formats.put(pt, new PayloadFormat(pt, enc[0], rate, channels, existing.fmtp()));
            }
        }

        private void fmtp(String arg, int number, String line) throws SdpException {
            String[] f = arg.split(" +", 2);
            if (f[0].isEmpty()) {
                throw new SdpException("fmtp needs <format> <parameters>", number, line);
            }
            int pt = parseInt(f[0], 0, 127, "fmtp payload type", number, line);
            PayloadFormat existing = formats.get(pt);
            if (existing != null) {
                formats.put(pt, existing.withFmtp(f.length == 2 ? f[1].trim() : ""));
            }
        }

        private static int ptime(String arg, int number, String line) throws SdpException {
            try {
                // Some peers write a decimal, e.g. a=ptime:20.0.
                double ms = Double.parseDouble(arg);
                if (ms <= 0 || ms > 1000) {
                    throw new SdpException("ptime out of range 1-1000", number, line);
                }
                return (int) Math.round(ms);
            } catch (NumberFormatException e) {
                throw new SdpException("ptime is not a number", number, line);
            }
        }

        MediaDescription build() {
            return new MediaDescription(media, port, protocol, new ArrayList<>(formats.values()), opaqueFormats,
                    connection, ptime, direction, crypto, other);
        }
    }
}
