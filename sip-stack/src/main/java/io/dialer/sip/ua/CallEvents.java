package io.dialer.sip.ua;

import gov.nist.javax.sip.message.SIPResponse;

/** One-line, credential-free descriptions of call events for logs and the CLI. */
public final class CallEvents {

    private CallEvents() {
    }

    /** E.g. "180 Ringing", "answered: 200 OK", "failed: transaction timeout (Timer B) ...". */
    public static String summary(CallEvent event) {
        if (event instanceof CallEvent.Provisional p) {
            return status(p.response());
        } else if (event instanceof CallEvent.Answered a) {
            return "answered: " + status(a.response());
        } else if (event instanceof CallEvent.Rejected r) {
            return "rejected: " + status(r.response());
        } else if (event instanceof CallEvent.Failed f) {
            return "failed: " + f.failure().describe();
        }
        CallEvent.Ended e = (CallEvent.Ended) event;
        return "ended: " + switch (e.cause()) {
            case REMOTE_BYE -> "the far end hung up (BYE)";
            case LOCAL_BYE -> "we hung up (BYE" + (e.byeResponse() != null ? ", " + status(e.byeResponse())
                    : e.failure() != null ? ", " + e.failure().describe() : "") + ")";
            case DIALOG_LOST -> "the dialog was lost" + (e.failure() != null ? ": " + e.failure().describe() : "");
        };
    }

    private static String status(SIPResponse r) {
        return r.getStatusCode() + " " + r.getReasonPhrase();
    }
}
