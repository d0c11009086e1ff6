package io.dialer.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.daemon.config.Secret;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Bad input at the HTTP layer never escapes the handler: garbage gets 400 and the
 * connection is closed, an oversized body 413, a route that throws something
 * unexpected 500 naming nothing internal; keys are checked before routes run.
 */
class ApiHandlerTest {

    private static final String KEY = "handler-key-0123456789";

    private EmbeddedChannel channel() {
        Router router = new Router()
                .add(new Route(HttpMethod.GET, "/ok", false, r -> CompletableFuture.completedFuture(
                        ApiResponse.json(io.netty.handler.codec.http.HttpResponseStatus.OK, "{\"id\":\"" + r.path() + "\"}"))))
                .add(new Route(HttpMethod.GET, "/boom", false, r -> {
                    throw new IllegalStateException("secret internal detail");
                }))
                .add(new Route(HttpMethod.GET, "/later", false, r -> CompletableFuture.failedFuture(
                        new java.sql.SQLException("password=hunter2 in a driver message"))));
        return new EmbeddedChannel(new HttpServerCodec(), new HttpObjectAggregator(1024),
                new ApiHandler(router, new ApiKeys(List.of(new Secret(KEY)))));
    }

    private static String exchange(EmbeddedChannel ch, String request) {
        ch.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
        StringBuilder out = new StringBuilder();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            out.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return out.toString();
    }

    @Test
    void aRouteAnswersWithAValidKey() {
        EmbeddedChannel ch = channel();
        String r = exchange(ch, "GET /ok HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + KEY + "\r\n\r\n");
        assertThat(r).startsWith("HTTP/1.1 200 OK").contains("{\"id\":\"/ok\"}", "connection: keep-alive");
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void garbageGets400AndTheConnectionCloses() {
        EmbeddedChannel ch = channel();
        String r = exchange(ch, "\u0001\u0002 not http at all\r\n\r\n");
        assertThat(r).startsWith("HTTP/1.1 400").contains("\"error\":\"bad_request\"");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void anOversizedBodyGets413() {
        EmbeddedChannel ch = channel();
        String r = exchange(ch, "POST /ok HTTP/1.1\r\nHost: x\r\nContent-Length: 4096\r\n\r\n" + "x".repeat(4096));
        assertThat(r).startsWith("HTTP/1.1 413");
    }

    @Test
    void unexpectedFailuresAre500WithoutDetail() {
        for (String path : List.of("/boom", "/later")) {
            String r = exchange(channel(), "GET " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + KEY + "\r\n\r\n");
            assertThat(r).startsWith("HTTP/1.1 500").contains("\"error\":\"internal_error\"")
                    .doesNotContain("secret internal detail", "hunter2");
        }
    }

    @Test
    void theKeyIsCheckedBeforeTheRouteRuns() {
        String r = exchange(channel(), "GET /boom HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer nope\r\n\r\n");
        assertThat(r).startsWith("HTTP/1.1 401");
    }
}
