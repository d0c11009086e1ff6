package io.dialer.daemon.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates, routes and answers each request. Bad input never escapes as an
 * exception: a request the codec could not decode gets 400, a route's failure
 * becomes its JSON error, and anything unexpected a 500 that names nothing
 * internal. The Authorization header is never logged.
 */
@ChannelHandler.Sharable
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);

    private final Router router;
    private final ApiKeys keys;

    ApiHandler(Router router, ApiKeys keys) {
        this.router = router;
        this.keys = keys;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
        boolean keepAlive = HttpUtil.isKeepAlive(msg) && msg.decoderResult().isSuccess();
        CompletionStage<ApiResponse> response;
        try {
            response = handle(msg);
        } catch (ApiException e) {
            response = java.util.concurrent.CompletableFuture.completedFuture(ApiResponse.error(e));
        } catch (RuntimeException e) {
            log.warn("http: {} {} failed: {}", msg.method(), new QueryStringDecoder(msg.uri()).path(), e.toString());
            response = java.util.concurrent.CompletableFuture.completedFuture(internalError());
        }
        String method = msg.method().name();
        response.whenComplete((r, e) -> write(ctx, e == null ? r : failure(method, e), keepAlive));
    }

    private CompletionStage<ApiResponse> handle(FullHttpRequest msg) {
        if (!msg.decoderResult().isSuccess()) {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad_request", null, "malformed HTTP request");
        }
        QueryStringDecoder uri = new QueryStringDecoder(msg.uri());
        Router.Match match = router.find(msg.method(), uri.path());
        if (!match.route().open() && !keys.accepts(msg.headers().get(HttpHeaderNames.AUTHORIZATION))) {
            // RFC 6750 §3: say a bearer token is wanted, and nothing about the one presented.
            return java.util.concurrent.CompletableFuture.completedFuture(ApiResponse.error(new ApiException(
                    HttpResponseStatus.UNAUTHORIZED, "unauthorized", null, "a valid API key is required"))
                    .withHeader("WWW-Authenticate", "Bearer realm=\"dialer\""));
        }
        ApiRequest request = new ApiRequest(msg.method(), uri.path(), match.pathParams(), uri.parameters(),
                new DefaultHttpHeaders().add(msg.headers()), ByteBufUtil.getBytes(msg.content()));
        return match.route().handler().handle(request);
    }

    private static ApiResponse failure(String method, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof ApiException api) {
            return ApiResponse.error(api);
        }
        log.warn("http: {} request failed: {}", method, cause.toString());
        return internalError();
    }

    private static ApiResponse internalError() {
        return ApiResponse.error(new ApiException(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error", null,
                "the request could not be completed; see the daemon's log"));
    }

    private static void write(ChannelHandlerContext ctx, ApiResponse r, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, r.status(),
                Unpooled.wrappedBuffer(r.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        r.headers().forEach(response.headers()::set);
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("http: connection from {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
