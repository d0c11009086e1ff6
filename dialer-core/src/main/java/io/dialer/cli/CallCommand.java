package io.dialer.cli;

import io.dialer.core.Call;
import io.dialer.core.CallRecord;
import io.dialer.core.CallRecords;
import io.dialer.core.CallTimers;
import io.dialer.core.CallerIdPolicy;
import io.dialer.core.DialRequest;
import io.dialer.core.Dialer;
import io.dialer.core.DialerConfig;
import io.dialer.core.DialerEvent;
import io.dialer.core.EventType;
import io.dialer.core.TrunkAddress;
import io.dialer.core.TransferRequest;
import io.dialer.core.TrunkConfig;
import io.dialer.sip.auth.Credentials;
import io.dialer.sip.transport.TlsSettings;
import io.dialer.sip.transport.Transport;
import io.dialer.sip.ua.StackSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dialer call} (design.md §7): places one call through a trunk and
 * prints its record — a readable summary, or the §6 JSON with {@code --json}.
 * Exit 0 whenever the call ran, whatever its outcome; 2 for bad arguments.
 */
@Command(name = "call", description = "Place one call and print its record.")
final class CallCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TO", description = "Number (E.164, or national in --region) or SIP URI to call.")
    String to;

    @Mixin
    TrunkOptions trunkOptions;



    @Option(names = "--from", paramLabel = "NUMBER",
            description = "Calling number (E.164) or SIP user, in From and P-Asserted-Identity (default: dialer).")
    String from;

    @Option(names = "--no-pai", description = "Leave P-Asserted-Identity out (RFC 3325) for trunks that reject it.")
    boolean noPai;

    @Option(names = "--privacy", description = "Add 'Privacy: id' (RFC 3325 §9.3): ask the trunk to hide the caller ID.")
    boolean privacy;


    @Option(names = "--region", defaultValue = "US",
            description = "Region for numbers without + (ISO 3166 code, default: ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--ring-timeout", defaultValue = "30s", converter = DurationConverter.class,
            description = "Cancel when not answered within this time (default: ${DEFAULT-VALUE}).")
    Duration ringTimeout;

    @Option(names = "--hangup-after", defaultValue = "5s", converter = DurationConverter.class,
            description = "Hang up this long after answer (default: ${DEFAULT-VALUE}).")
    Duration hangupAfter;

    @Option(names = "--max-duration", defaultValue = "1h", converter = DurationConverter.class,
            description = "Longest the call may last after answer (default: ${DEFAULT-VALUE}).")
    Duration maxDuration;

    @Option(names = "--preconnect-min-ring", defaultValue = "4s", converter = DurationConverter.class,
            description = "A 480/408 after ringing this long is voicemail; 0s turns the rule off (default: ${DEFAULT-VALUE}).")
    Duration preconnectMinRing;

    @Option(names = "--transfer-to", paramLabel = "URI",
            description = "Transfer the answered call to this number or SIP URI (after --transfer-after).")
    String transferTo;

    @Option(names = "--transfer-mode", defaultValue = "refer",
            description = "refer (RFC 3515), invite (a new leg, bridged) or auto (REFER, else a new leg) "
                    + "(default: ${DEFAULT-VALUE}).")
    String transferMode;

    @Option(names = "--transfer-after", defaultValue = "2s", converter = DurationConverter.class,
            description = "How long after answer to transfer (default: ${DEFAULT-VALUE}).")
    Duration transferAfter;

    @Option(names = "--transfer-caller-id", defaultValue = "agent",
            description = "Present the callee's number (user) or ours (agent) on the transfer (default: ${DEFAULT-VALUE}).")
    String transferCallerId;

    @Option(names = "--play", paramLabel = "FILE.wav",
            description = "Play this WAV file to the callee once answered (any rate or channels; converted to 8 kHz mono).")
    Path play;

    @Option(names = "--record", paramLabel = "FILE.wav",
            description = "Record the call as stereo WAV: left what we sent, right what the callee sent.")
    Path record;

    @Option(names = "--amd", description = "Answering-machine detection after answer; hang up on a machine "
            + "(voicemail_reached). The verdict is in the record's amd.")
    boolean amd;

    @Option(names = "--amd-message", paramLabel = "FILE.wav",
            description = "With --amd: on a machine, wait for its beep, play this WAV, then hang up.")
    Path amdMessage;

    @Option(names = "--json", description = "Print the call record as JSON (design.md §6) instead of a summary.")
    boolean json;

    @Option(names = "--trace", description = "List every SIP message of the call in the summary.")
    boolean trace;

    @Option(names = "--pcap", paramLabel = "FILE", description = "Write the call's SIP messages to a pcap file.")
    Path pcap;

    @Option(names = "--local-port", defaultValue = "0", description = "Local SIP port (default: any free port).")
    int localPort;

    @Option(names = {"--ca", "--ca-file"}, paramLabel = "PEM",
            description = "CA certificate(s) the trunk's TLS certificate must chain to (default: the system's).")
    Path caFile;

    @Override
    public Integer call() throws Exception {
        DialerConfig config = config();
        PrintWriter out = spec.commandLine().getOut();
        io.dialer.media.AudioSource source = null;
        if (play != null) {
            try {
                source = io.dialer.media.wav.WavSource.open(play, false);
            } catch (java.io.IOException | RuntimeException e) {
                throw new ParameterException(spec.commandLine(), "--play " + play + ": " + e.getMessage());
            }
        }
        CallRecording recording = null;
        if (record != null) {
            try {
                recording = CallRecording.open(record);
            } catch (java.io.IOException e) {
                throw new ParameterException(spec.commandLine(), "--record " + record + ": " + e.getMessage());
            }
        }
        io.dialer.core.AmdPolicy amdPolicy = io.dialer.core.AmdPolicy.off();
        if (amdMessage != null) {
            if (!amd) {
                throw new ParameterException(spec.commandLine(), "--amd-message needs --amd");
            }
            try {
                amdPolicy = io.dialer.core.AmdPolicy.leaveMessage(io.dialer.media.wav.WavSource.open(amdMessage, false));
            } catch (java.io.IOException | RuntimeException e) {
                throw new ParameterException(spec.commandLine(), "--amd-message " + amdMessage + ": " + e.getMessage());
            }
        } else if (amd) {
            amdPolicy = io.dialer.core.AmdPolicy.hangUpOnMachine();
        }
        try (Dialer dialer = Dialer.start(config)) {
            DialRequest request = DialRequest.to(to).withPcap(pcap).withAmd(amdPolicy);
            if (recording != null) {
                request = request.withAudio(recording.sent(source), recording.received());
            } else if (source != null) {
                request = request.withAudio(source, null);
            }
            CompletableFuture<Call> placed = new CompletableFuture<>();
            Call call;
            try {
                call = dialer.dial(request, event -> onEvent(event, out, placed));
                placed.complete(call);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--from: " + e.getMessage());
            }
            CallRecord record = await(call);
            if (json) {
                out.println(CallRecords.toJson(record, true));
            } else {
                new RecordSummary(out).print(record, trace);
            }
            out.flush();
        } finally {
            if (recording != null) {
                recording.close();
            }
        }
        return 0;
    }

    private void onEvent(DialerEvent event, PrintWriter out, CompletableFuture<Call> placed) {
        if (event.type() == EventType.CALL_STARTED) {
            if (transferTo != null) {
                placed.thenAcceptAsync(call -> transfer(call, out),
                        CompletableFuture.delayedExecutor(transferAfter.toMillis(), TimeUnit.MILLISECONDS));
            }
            placed.thenAcceptAsync(Call::hangup,
                    CompletableFuture.delayedExecutor(hangupAfter.toMillis(), TimeUnit.MILLISECONDS));
        }
        if (!json && event.type() == EventType.TRANSFER_PROGRESS && event.record().transfer() != null) {
            var attempts = event.record().transfer().attempts();
            out.printf(Locale.ROOT, "         transfer: %s%n", attempts.get(attempts.size() - 1).explanation());
            out.flush();
        }
        if (!json && event.type() == EventType.CALL_STATE_CHANGED) {
            CallRecord r = event.record();
            long t = r.dialingAt() == null ? 0 : Duration.between(r.dialingAt(), event.at()).toMillis();
            out.printf(Locale.ROOT, "%7.3f  %s%n", t / 1000.0, event.state());
            out.flush();
        }
    }

    private void transfer(Call call, PrintWriter out) {
        TransferRequest base = switch (transferMode) {
            case "invite" -> TransferRequest.invite(transferTo);
            case "auto" -> TransferRequest.auto(transferTo);
            default -> TransferRequest.refer(transferTo);
        };
        TransferRequest request = base.presenting(
                "user".equals(transferCallerId) ? TransferRequest.CallerIdChoice.USER : TransferRequest.CallerIdChoice.AGENT);
        call.transfer(request).whenComplete((t, error) -> {
            if (error != null && !json) {
                out.println("         transfer not possible: " + (error.getCause() != null ? error.getCause() : error)
                        .getMessage());
                out.flush();
            }
        });
    }

    private CallRecord await(Call call) throws Exception {
        // The ring timeout, the talk time and time to tear down bound the call;
        // the margin covers Timer B (32 s) for a trunk that never answers at all.
        long budget = ringTimeout.plus(hangupAfter).plus(transferTo == null ? Duration.ZERO : transferAfter)
                .plusSeconds(transferTo == null ? 40 : 100).toMillis();
        try {
            return call.completion().toCompletableFuture().get(budget, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.hangup();
            return call.completion().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private DialerConfig config() {
        Optional<Credentials> credentials = trunkOptions.credentials(spec);
        Transport override = trunkOptions.transport(spec);
        TrunkAddress address;
        try {
            address = TrunkAddress.parse(trunkOptions.trunk, override);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--trunk: " + e.getMessage());
        }
        if (!List.of("refer", "invite", "auto").contains(transferMode)) {
            throw new ParameterException(spec.commandLine(), "--transfer-mode must be refer, invite or auto, not '"
                    + transferMode + "'");
        }
        if (!transferCallerId.equals("user") && !transferCallerId.equals("agent")) {
            throw new ParameterException(spec.commandLine(), "--transfer-caller-id must be user or agent, not '"
                    + transferCallerId + "'");
        }
        if (transferTo != null && transferAfter.compareTo(hangupAfter) >= 0) {
            throw new ParameterException(spec.commandLine(), "--transfer-after (" + transferAfter
                    + ") must be shorter than --hangup-after (" + hangupAfter + "), or the call ends first");
        }
        if (!region.matches("[A-Za-z]{2}")) {
            throw new ParameterException(spec.commandLine(), "--region: '" + region + "' is not a two-letter ISO 3166 code");
        }
        if (pcap != null && pcap.toAbsolutePath().getParent() != null && !Files.isDirectory(pcap.toAbsolutePath().getParent())) {
            throw new ParameterException(spec.commandLine(), "--pcap: directory " + pcap.toAbsolutePath().getParent()
                    + " does not exist");
        }
        TrunkConfig trunkConfig = new TrunkConfig("default", address, credentials, from,
                new CallerIdPolicy(!noPai, privacy), 0, 0, Duration.ofSeconds(30), null);
        StackSettings settings = StackSettings.defaults().withLocalPort(localPort);
        if (caFile != null) {
            if (!Files.isReadable(caFile)) {
                throw new ParameterException(spec.commandLine(), "--ca-file " + caFile + " is not a readable file");
            }
            settings = settings.withTransport(settings.transport().withTls(TlsSettings.defaults().withTrustedCaFile(caFile)));
        }
        try {
            return DialerConfig.builder()
                    .trunk(trunkConfig)
                    .defaultRegion(region.toUpperCase(Locale.ROOT))
                    .timers(CallTimers.defaults().withRingTimeout(ringTimeout).withMaxDuration(maxDuration))
                    .preconnectMinRing(preconnectMinRing)
                    .stack(settings)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
