package io.dialer.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void toStringNeverShowsThePassword() {
        Credentials c = Credentials.forRealm("alice", "s3cret-Pw", "trunk.test");
        assertThat(c.toString()).contains("alice").contains("trunk.test").doesNotContain("s3cret-Pw");
        assertThat(Credentials.of("bob", "hunter2").toString()).doesNotContain("hunter2");
    }

    @Test
    void realmRestrictionComparesExactly() {
        Credentials restricted = Credentials.forRealm("alice", "pw", "trunk.test");
        assertThat(restricted.appliesTo("trunk.test")).isTrue();
        assertThat(restricted.appliesTo("other.test")).isFalse();
        assertThat(Credentials.of("alice", "pw").appliesTo("anything")).isTrue();
    }
}
