package io.dialer.sip.auth;

import gov.nist.javax.sip.message.SIPRequest;
import java.util.Objects;

/** What to do after a 401 or 407: send an authorized retry, or give up with a reason. */
public sealed interface AuthOutcome {

    /** Send {@code authorized}: a copy of the challenged request with credentials, a new CSeq and branch. */
    record Retry(SIPRequest authorized) implements AuthOutcome {
        public Retry {
            Objects.requireNonNull(authorized, "authorized");
        }

        /** Does not print the request: it carries the Authorization header. */
        @Override
        public String toString() {
            return "Retry[" + authorized.getMethod() + " CSeq " + authorized.getCSeq().getSeqNumber() + "]";
        }
    }

    /**
     * Authentication cannot succeed; {@code reason} is a plain-words sentence for the
     * call's outcome (e.g. "the trunk rejected our credentials for realm 'x' (second
     * 407 after sending them)").
     */
    record Rejected(Kind kind, String reason) implements AuthOutcome {
        public Rejected {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Why authentication failed, for classifying outcomes without parsing the reason. */
    enum Kind {
        /** The server challenged again after we sent credentials (wrong password or username). */
        CREDENTIALS_REJECTED,
        /** No configured credentials apply to the challenge's realm. */
        NO_CREDENTIALS,
        /** The challenge asks for an algorithm or qop we do not implement. */
        UNSUPPORTED_CHALLENGE,
        /** The response carried no usable challenge header. */
        MALFORMED_CHALLENGE
    }
}
