package io.dialer.cli;

import io.dialer.sip.auth.Credentials;
import io.dialer.sip.transport.Transport;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The flags every command that talks to a trunk shares: where it is, how to reach it, who we are. */
final class TrunkOptions {

    @Option(names = "--trunk", required = true, paramLabel = "URI",
            description = "The trunk, e.g. sip:trunk.example.com, sip:127.0.0.1:5062 or sips:trunk.example.com:5061")
    String trunk;

    @Option(names = "--username", description = "Digest username for the trunk.")
    String username;

    @Option(names = "--password", description = "Digest password for the trunk.")
    String password;

    @Option(names = "--transport", description = "udp, tcp or tls (default: from the trunk URI, else udp).")
    String transport;

    /** The digest credentials, when given; both flags or neither. */
    Optional<Credentials> credentials(CommandSpec spec) {
        if ((username == null) != (password == null)) {
            throw new ParameterException(spec.commandLine(), "--username and --password go together: give both or neither");
        }
        return username == null ? Optional.empty() : Optional.of(Credentials.of(username, password));
    }

    /** The {@code --transport} override, or null to take the trunk URI's. */
    Transport transport(CommandSpec spec) {
        if (transport == null) {
            return null;
        }
        try {
            return Transport.parse(transport);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--transport: " + e.getMessage());
        }
    }
}
