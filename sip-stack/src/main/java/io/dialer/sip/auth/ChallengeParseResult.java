package io.dialer.sip.auth;

import java.util.List;
import java.util.Objects;

/**
 * What {@link DigestChallenge#parse(String)} made of a header value: either the
 * Digest challenges it holds, or the problem that stopped the parser.
 */
public sealed interface ChallengeParseResult {

    /** One or more Digest challenges, in the order they appeared. */
    record Parsed(List<DigestChallenge> challenges) implements ChallengeParseResult {
        public Parsed {
            challenges = List.copyOf(challenges);
            if (challenges.isEmpty()) {
                throw new IllegalArgumentException("a parse result needs at least one challenge");
            }
        }
    }

    /** The value could not be used; {@code problem} says why in plain words. */
    record Invalid(String problem) implements ChallengeParseResult {
        public Invalid {
            Objects.requireNonNull(problem, "problem");
        }
    }
}
