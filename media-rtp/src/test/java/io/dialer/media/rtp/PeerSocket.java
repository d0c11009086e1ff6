package io.dialer.media.rtp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/** A plain UDP socket on loopback playing the far end in tests: sends raw datagrams, receives with a timeout. */
final class PeerSocket implements AutoCloseable {

    private final DatagramSocket socket;

    PeerSocket() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(5000);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    void send(byte[] datagram, int port) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
    }

    /** The next datagram; fails the test after 5 s. */
    byte[] receive() throws IOException {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no datagram within 5 s at " + address(), e);
        }
        return Arrays.copyOf(buf, p.getLength());
    }

    @Override
    public void close() {
        socket.close();
    }
}
