/**
 * RTP audio payload formats: G.711 μ-law and A-law
 * ({@link io.dialer.media.codec.PcmuCodec}, {@link io.dialer.media.codec.PcmaCodec}),
 * the {@link io.dialer.media.codec.Codecs} registry and direct PCMU/PCMA
 * transcoding for bridged legs.
 */
package io.dialer.media.codec;
