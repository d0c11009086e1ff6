package io.dialer.media.sdp;

/**
 * An SDP body that cannot be used: the message names the offending line and
 * its number (1-based) so a 400/488 reason or a log line can point at it.
 */
public final class SdpException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int lineNumber;
    private final String line;

    public SdpException(String reason, int lineNumber, String line) {
        super(reason + (lineNumber > 0 ? " at line " + lineNumber + ": \"" + abbreviate(line) + "\"" : ""));
        this.lineNumber = lineNumber;
        this.line = line;
    }

    /** A problem with the description as a whole rather than one line. */
    public SdpException(String reason) {
        this(reason, 0, "");
    }

    /** The 1-based number of the bad line, 0 when the problem is not one line. */
    public int lineNumber() {
        return lineNumber;
    }

    /** The bad line as received, empty when the problem is not one line. */
    public String line() {
        return line;
    }

    private static String abbreviate(String line) {
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }
}
