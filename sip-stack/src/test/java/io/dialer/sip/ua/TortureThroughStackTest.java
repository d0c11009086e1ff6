package io.dialer.sip.ua;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.sip.message.DecodeResult;
import io.dialer.sip.message.MessageDecoder;
import io.dialer.sip.message.MessageLimits;
import io.dialer.sip.transaction.TimerSettings;
import io.dialer.sip.transport.Transport;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every RFC 4475 and RFC 5118 message, plus random bytes, thrown at a running
 * stack over UDP from a raw socket. Requirements checked:
 * - whatever the stack answers is a response to that request (same Call-ID),
 *   well-formed when the request was, and a request the decoder refuses gets
 *   exactly the 400/505 it prepared;
 * - nothing stops the stack: an OPTIONS afterwards is answered 200;
 * - no transaction is left behind: with T1 = 10 ms all server transactions
 *   are gone once their timers ran (64*T1).
 */
class TortureThroughStackTest {

    private static final TimerSettings FAST = new TimerSettings(Duration.ofMillis(10), Duration.ofMillis(40),
            Duration.ofMillis(50), Duration.ofMillis(200));

    private static List<Path> messages() throws Exception {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("/rfc4475", "/rfc5118")) {
            try (Stream<Path> s = Files.list(Path.of(TortureThroughStackTest.class.getResource(dir).toURI()))) {
                s.filter(p -> p.toString().endsWith(".dat")).sorted().forEach(files::add);
            }
        }
        return files;
    }

    /** What arrives until the socket is quiet; with {@code expectOne}, waits up to 5 s for the first. */
    private static List<byte[]> answers(DatagramSocket socket, boolean expectOne) throws Exception {
        List<byte[]> out = new ArrayList<>();
        socket.setSoTimeout(expectOne ? 5_000 : 300);
        while (true) {
            DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException quiet) {
                return out;
            }
            byte[] bytes = new byte[p.getLength()];
            System.arraycopy(p.getData(), 0, bytes, 0, p.getLength());
            out.add(bytes);
            socket.setSoTimeout(300);
        }
    }

    private static String callId(byte[] message) {
        for (String line : new String(message, StandardCharsets.ISO_8859_1).split("\r\n")) {
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("call-id:") || lower.startsWith("i:")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return null;
    }

    @Test
    void tortureMessagesNeverStopTheStackNorLeaveTransactions() throws Exception {
        MessageDecoder reference = new MessageDecoder(MessageLimits.DEFAULTS, "test");
        try (SipStack stack = SipStack.start(StackSettings.defaults().withTimers(FAST));
             DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            InetSocketAddress target = stack.localAddress(Transport.UDP);
            List<Path> files = messages();
            assertThat(files).hasSize(49 + 12);
            for (Path file : files) {
                byte[] bytes = Files.readAllBytes(file);
                socket.send(new DatagramPacket(bytes, bytes.length, target));
                DecodeResult expected = reference.decode(bytes, false);
                boolean answerable = expected instanceof DecodeResult.Rejected r && r.response() != null;
                List<byte[]> got = answers(socket, answerable);
                if (expected instanceof DecodeResult.Rejected r && r.response() != null) {
                    assertThat(got).as(file.getFileName().toString()).isNotEmpty();
                    assertThat(new String(got.get(0), StandardCharsets.ISO_8859_1))
                            .as(file.getFileName().toString()).startsWith("SIP/2.0 " + r.status() + " ");
                }
                for (byte[] answer : got) {
                    String text = new String(answer, StandardCharsets.ISO_8859_1);
                    assertThat(text).as(file.getFileName().toString()).startsWith("SIP/2.0 ");
                    if (expected instanceof DecodeResult.Decoded) {
                        // A 400 copies the request's broken headers verbatim (RFC 3261 §8.2.6.2), so only
                        // answers to well-formed requests must themselves be well-formed.
                        assertThat(reference.decode(answer, false)).as("our answer to %s decodes", file.getFileName())
                                .isInstanceOf(DecodeResult.Decoded.class);
                    }
                    assertThat(callId(answer)).as(file.getFileName().toString()).isEqualTo(callId(bytes));
                }
            }
            Random random = new Random(4475);
            for (int i = 0; i < 200; i++) {
                byte[] noise = new byte[1 + random.nextInt(1500)];
                random.nextBytes(noise);
                socket.send(new DatagramPacket(noise, noise.length, target));
            }

            byte[] options = ("OPTIONS sip:" + target.getAddress().getHostAddress() + ":" + target.getPort()
                    + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + socket.getLocalPort()
                    + ";branch=z9hG4bK-after-torture\r\nMax-Forwards: 70\r\nFrom: <sip:t@127.0.0.1>;tag=1\r\n"
                    + "To: <sip:d@127.0.0.1>\r\nCall-ID: after-torture\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(options, options.length, target));
            List<byte[]> afterwards = answers(socket, true);
            assertThat(afterwards).extracting(b -> new String(b, StandardCharsets.ISO_8859_1).split("\r\n")[0])
                    .contains("SIP/2.0 200 OK");

            // 64*T1 = 640 ms: Timers J, H and L have run for every server transaction well
            // within 5 s; poll rather than sleep a fixed time, so a slow machine does not fail it.
            int left = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                CompletableFuture<Integer> count = new CompletableFuture<>();
                stack.scheduler().execute(() -> count.complete(
                        stack.userAgent().transactionCounters().serverTransactions()));
                left = count.get(5, TimeUnit.SECONDS);
                if (left == 0) {
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(left).as("server transactions left").isZero();
        }
    }
}
