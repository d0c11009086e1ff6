package io.dialer.daemon.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The signature matches an HMAC-SHA256 computed independently (Python's hmac
 * module, the docs' receiver), rejects tampering, the wrong secret and malformed
 * headers; the retry delay doubles, is capped and keeps its jitter in range.
 */
class WebhookSignerTest {

    @Test
    void signatureMatchesAnIndependentHmac() {
        WebhookSigner signer = new WebhookSigner("k");
        String header = signer.sign(1_700_000_000L, "{\"a\":1}");
        assertThat(header).isEqualTo("t=1700000000,v1=1b6ad1bc9bf48c52ce01939866d5877c6cc4e87ddad27e16673cb8c4964394a3");
        assertThat(signer.verify(header, "{\"a\":1}")).isTrue();
        assertThat(signer.verify(header, "{\"a\":2}")).isFalse();
        assertThat(new WebhookSigner("other").verify(header, "{\"a\":1}")).isFalse();
        assertThat(signer.verify(header.replace("t=1700000000", "t=1700000001"), "{\"a\":1}"))
                .as("the timestamp is signed too").isFalse();
        assertThat(signer.verify("v1=zz,t=x", "{\"a\":1}")).isFalse();
        assertThat(signer.verify("", "")).isFalse();
    }

    @Test
    void backoffDoublesUpToTheCapWithEqualJitter() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000));
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200; i++) {
            assertThat(b.delay(1, random).toMillis()).isBetween(50L, 100L);
            assertThat(b.delay(3, random).toMillis()).isBetween(200L, 400L);
            assertThat(b.delay(30, random).toMillis()).isBetween(500L, 1000L);
        }
    }
}
