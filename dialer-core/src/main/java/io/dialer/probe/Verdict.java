package io.dialer.probe;

import java.util.Locale;

/** What one probe check concluded. The summary is the worst verdict of all checks; skips do not count. */
public enum Verdict {
    OK(0),
    WARN(1),
    FAIL(2),
    /** Not run: an earlier check failed, or the check does not apply (e.g. no {@code --to}). */
    SKIP(-1);

    private final int severity;

    Verdict(int severity) {
        this.severity = severity;
    }

    /** The word on the line and in JSON: ok, warn, fail, skip. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** 0 ok, 1 warn, 2 fail; -1 for skip, which never decides a summary. */
    public int severity() {
        return severity;
    }

    /** The worse of two verdicts, a skip losing to anything. */
    public Verdict worse(Verdict other) {
        return other.severity > severity ? other : this;
    }
}
