package io.dialer.core.outcome;

import io.dialer.core.DisconnectionReason;
import java.util.Map;
import java.util.Optional;

/**
 * ITU-T Q.850 cause values: their standard names (Q.850 Table 1) and the few
 * that decide a call's disconnection reason (design.md §4). Carriers pass them
 * in a {@code Reason: Q.850;cause=N} header (RFC 3326) when the call met ISUP or
 * ISDN on its way, and they are often more precise than the SIP status code.
 */
public final class Q850 {

    /** Q.850 (05/98) Table 1, the causes 1-127 it defines. An immutable constant, not state. */
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "Unallocated (unassigned) number"),
            Map.entry(2, "No route to specified transit network (national use)"),
            Map.entry(3, "No route to destination"),
            Map.entry(4, "Send special information tone"),
            Map.entry(5, "Misdialled trunk prefix (national use)"),
            Map.entry(6, "Channel unacceptable"),
            Map.entry(7, "Call awarded and being delivered in an established channel"),
            Map.entry(8, "Preemption"),
            Map.entry(9, "Preemption - circuit reserved for reuse"),
            Map.entry(16, "Normal call clearing"),
            Map.entry(17, "User busy"),
            Map.entry(18, "No user responding"),
            Map.entry(19, "No answer from user (user alerted)"),
            Map.entry(20, "Subscriber absent"),
            Map.entry(21, "Call rejected"),
            Map.entry(22, "Number changed"),
            Map.entry(23, "Redirection to new destination"),
            Map.entry(25, "Exchange routing error"),
            Map.entry(26, "Non-selected user clearing"),
            Map.entry(27, "Destination out of order"),
            Map.entry(28, "Invalid number format (address incomplete)"),
            Map.entry(29, "Facility rejected"),
            Map.entry(30, "Response to STATUS ENQUIRY"),
            Map.entry(31, "Normal, unspecified"),
            Map.entry(34, "No circuit/channel available"),
            Map.entry(38, "Network out of order"),
            Map.entry(39, "Permanent frame mode connection out of service"),
            Map.entry(40, "Permanent frame mode connection operational"),
            Map.entry(41, "Temporary failure"),
            Map.entry(42, "Switching equipment congestion"),
            Map.entry(43, "Access information discarded"),
            Map.entry(44, "Requested circuit/channel not available"),
            Map.entry(46, "Precedence call blocked"),
            Map.entry(47, "Resource unavailable, unspecified"),
            Map.entry(49, "Quality of Service not available"),
            Map.entry(50, "Requested facility not subscribed"),
            Map.entry(53, "Outgoing calls barred within CUG"),
            Map.entry(55, "Incoming calls barred within CUG"),
            Map.entry(57, "Bearer capability not authorized"),
            Map.entry(58, "Bearer capability not presently available"),
            Map.entry(62, "Inconsistency in designated outgoing access information and subscriber class"),
            Map.entry(63, "Service or option not available, unspecified"),
            Map.entry(65, "Bearer capability not implemented"),
            Map.entry(66, "Channel type not implemented"),
            Map.entry(69, "Requested facility not implemented"),
            Map.entry(70, "Only restricted digital information bearer capability is available"),
            Map.entry(79, "Service or option not implemented, unspecified"),
            Map.entry(81, "Invalid call reference value"),
            Map.entry(82, "Identified channel does not exist"),
            Map.entry(83, "A suspended call exists, but this call identity does not"),
            Map.entry(84, "Call identity in use"),
            Map.entry(85, "No call suspended"),
            Map.entry(86, "Call having the requested call identity has been cleared"),
            Map.entry(87, "User not member of CUG"),
            Map.entry(88, "Incompatible destination"),
            Map.entry(90, "Non-existent CUG"),
            Map.entry(91, "Invalid transit network selection"),
            Map.entry(95, "Invalid message, unspecified"),
            Map.entry(96, "Mandatory information element is missing"),
            Map.entry(97, "Message type non-existent or not implemented"),
            Map.entry(98, "Message not compatible with call state or message type non-existent or not implemented"),
            Map.entry(99, "Information element / parameter non-existent or not implemented"),
            Map.entry(100, "Invalid information element contents"),
            Map.entry(101, "Message not compatible with call state"),
            Map.entry(102, "Recovery on timer expiry"),
            Map.entry(103, "Parameter non-existent or not implemented - passed on"),
            Map.entry(110, "Message with unrecognized parameter discarded"),
            Map.entry(111, "Protocol error, unspecified"),
            Map.entry(127, "Interworking, unspecified"));

    private Q850() {
    }

    /** The standard name of {@code cause}, empty for values Q.850 does not define. */
    public static Optional<String> name(int cause) {
        return Optional.ofNullable(NAMES.get(cause));
    }

    /**
     * The reason a cause decides on its own, whatever the status code says
     * (design.md §4). These are the causes RFC 3398 §8.2.6.1 maps to 404, 484,
     * 486, 408, 480 and 403: a gateway that had the cause chose the code from
     * it, so the cause is the first-hand evidence. Every other cause leaves the
     * decision to the status code.
     */
    static Optional<DisconnectionReason> decisiveReason(int cause) {
        return Optional.ofNullable(switch (cause) {
            case 1, 28 -> DisconnectionReason.INVALID_DESTINATION;
            case 17 -> DisconnectionReason.DIAL_BUSY;
            case 18, 19 -> DisconnectionReason.DIAL_NO_ANSWER;
            case 21 -> DisconnectionReason.USER_DECLINED;
            default -> null;
        });
    }
}
