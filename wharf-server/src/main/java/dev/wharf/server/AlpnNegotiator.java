package dev.wharf.server;

import dev.wharf.common.LogText;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches a TLS connection to HTTP/2 once its handshake has chosen {@code h2} by ALPN; a connection that chose {@code
 * http/1.1}, or whose client offered no ALPN at all, stays with the HTTP/1.1 handlers behind it.
 *
 * <p>It holds what arrives before the handshake ends (nothing, for a well-behaved client) and passes it on after the
 * switch, then removes itself.
 */
final class AlpnNegotiator extends ApplicationProtocolNegotiationHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AlpnNegotiator.class);

    private final HttpPipeline http;

    AlpnNegotiator(HttpPipeline http) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.http = http;
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        if (protocol.equals(ApplicationProtocolNames.HTTP_2)) {
            http.switchToHttp2(ctx.pipeline());
        }
    }

    @Override
    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
        // A failed handshake is the client's business (a scanner, a client that does not trust the certificate).
        LOG.debug("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(), LogText.describe(cause));
        ctx.close();
    }
}
