package io.dialer.sim;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * The SDP the simulated callee answers with (RFC 4566 §5): one audio stream
 * offering PCMU, PCMA and telephone-event (RFC 4733). No RTP is sent or
 * received on the port yet; the answer only has to be valid.
 */
final class SimSdp {

    private SimSdp() {
    }

    /**
     * The session description for one call.
     *
     * @param host      the connection address
     * @param rtpPort   the audio port named in the m= line
     * @param sessionId the o= session id, unique per call (RFC 4566 §5.2)
     * @param version   the o= version, raised for each new description of the session
     */
    static byte[] audio(InetAddress host, int rtpPort, long sessionId, long version) {
        String family = host instanceof Inet6Address ? "IP6" : "IP4";
        String address = host.getHostAddress().replaceAll("%.*$", "");
        String sdp = "v=0\r\n"
                + "o=dialer-sim " + sessionId + " " + version + " IN " + family + " " + address + "\r\n"
                + "s=dialer-sim\r\n"
                + "c=IN " + family + " " + address + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + rtpPort + " RTP/AVP 0 8 101\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n"
                + "a=fmtp:101 0-16\r\n"
                + "a=ptime:20\r\n"
                + "a=sendrecv\r\n";
        return sdp.getBytes(StandardCharsets.US_ASCII);
    }
}
