package io.dialer.daemon.config;

import java.net.InetSocketAddress;

/**
 * The HTTP API's listener.
 *
 * @param listen         address and port to bind (port 0 picks a free one)
 * @param maxActiveCalls calls in progress at once above which {@code POST /v1/calls} answers 429
 * @param maxBodyBytes   largest request body accepted
 */
public record HttpSettings(InetSocketAddress listen, int maxActiveCalls, int maxBodyBytes) {
}
