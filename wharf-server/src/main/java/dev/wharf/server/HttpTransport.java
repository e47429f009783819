package dev.wharf.server;

import dev.wharf.protocol.StreamingBody;
import dev.wharf.protocol.WireResponse;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The Netty side of the server: listeners for plain HTTP and HTTPS, each speaking HTTP/1.1 and HTTP/2, with the
 * transport's limits.
 *
 * <p>A connection is counted against the connection limit first, then starts with the HTTP/1.1 handlers of {@link
 * HttpPipeline}; on the plain port {@link Http2PrefaceDetector} switches it to HTTP/2 when its first bytes are the
 * HTTP/2 preface (h2c with prior knowledge), and on the TLS port {@link AlpnNegotiator} does when ALPN chose {@code
 * h2}. Either way requests end in a {@link RequestHandler}: one per HTTP/1.1 connection, one per HTTP/2 stream.
 */
final class HttpTransport implements AutoCloseable {

    private final WharfConfig config;
    private final Function<ServiceRouter.HttpRequest, WireResponse> application;
    private final ExecutorService handlers;
    private final PendingBytes pendingBytes;
    /** Native epoll where the platform has it; NIO elsewhere. */
    private static final boolean EPOLL = Epoll.isAvailable();

    private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, ioHandlers());
    /**
     * One event loop per core: handlers run on virtual threads, so loops only move bytes, and more loops than cores
     * only add wake-ups.
     */
    private final EventLoopGroup workers =
            new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), ioHandlers());

    private final AtomicInteger openConnections = new AtomicInteger();

    /** The connections open now, on every port. */
    int openConnections() {
        return openConnections.get();
    }

    private final List<Channel> listeners = new ArrayList<>();
    private final ConnectionLimit plainLimit = new ConnectionLimit(false);
    private final ConnectionLimit tlsLimit = new ConnectionLimit(true);

    HttpTransport(
            WharfConfig config,
            Function<ServiceRouter.HttpRequest, WireResponse> application,
            ExecutorService handlers) {
        this.config = config;
        IdleHeapRelease idle = new IdleHeapRelease();
        this.application = request -> {
            // Health probes (a supervisor's every few seconds) are not work: they must not keep the heap from release.
            if (request.rawPath().equals(WharfServer.HEALTH_PATH)) {
                return application.apply(request);
            }
            idle.onStart();
            boolean streaming = false;
            try {
                WireResponse response = application.apply(request);
                StreamingBody body = response.stream();
                if (body == null) {
                    return response;
                }
                // A body that streams is work until its last chunk, not only until the operation returns it.
                streaming = true;
                return WireResponse.streaming(response.status(), response.contentType(), response.headers(), sink -> {
                    try {
                        body.writeTo(sink);
                    } finally {
                        idle.onFinish();
                    }
                });
            } finally {
                if (!streaming) {
                    idle.onFinish();
                }
            }
        };
        this.handlers = handlers;
        this.pendingBytes = new PendingBytes(config.limits().maxPendingRequestBytes());
        boss.next()
                .scheduleWithFixedDelay(
                        () -> idle.check(System.nanoTime()),
                        IdleHeapRelease.CHECK_SECONDS,
                        IdleHeapRelease.CHECK_SECONDS,
                        TimeUnit.SECONDS);
    }

    private static IoHandlerFactory ioHandlers() {
        return EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    /** Binds a listener and returns the port it got; {@code tls} null means plain HTTP. */
    int bind(int port, @Nullable SslContext tls) throws InterruptedException {
        String scheme = tls == null ? "http" : "https";
        String fallbackHost = (config.hostname() == null ? config.host() : config.hostname()) + ":" + port;
        HttpPipeline http =
                new HttpPipeline(config.limits(), pendingBytes, application, handlers, scheme, fallbackHost);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        configure(channel, tls, http);
                    }
                });
        Channel listener = bootstrap.bind(config.host(), port).sync().channel();
        listeners.add(listener);
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    private void configure(SocketChannel channel, @Nullable SslContext tls, HttpPipeline http) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("limit", tls == null ? plainLimit : tlsLimit);
        if (tls == null) {
            pipeline.addLast("detect", new Http2PrefaceDetector(http));
        } else {
            pipeline.addLast("tls", tls.newHandler(channel.alloc()));
            pipeline.addLast("alpn", new AlpnNegotiator(http));
        }
        http.addHttp1(pipeline);
    }

    /**
     * Counts open connections and turns away those over the limit: plain HTTP ones with a 503, written as raw bytes
     * because this handler sits before the HTTP encoder; TLS ones are closed, since no handshake has happened yet.
     */
    @ChannelHandler.Sharable
    private final class ConnectionLimit extends ChannelInboundHandlerAdapter {
        private final boolean tls;

        ConnectionLimit(boolean tls) {
            this.tls = tls;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            if (openConnections.incrementAndGet() > config.limits().maxConnections()) {
                if (tls) {
                    ctx.close();
                } else {
                    String response = TOO_MANY_CONNECTIONS.replace(
                            "{id}", UUID.randomUUID().toString());
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(response.getBytes(StandardCharsets.US_ASCII)))
                            .addListener(ChannelFutureListener.CLOSE);
                }
                return;
            }
            super.channelActive(ctx);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            openConnections.decrementAndGet();
            super.channelInactive(ctx);
        }
    }

    private static final String TOO_MANY_CONNECTIONS = "HTTP/1.1 503 Service Unavailable\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Length: 27\r\n"
            + "Connection: close\r\n"
            + "x-amzn-RequestId: {id}\r\n\r\n"
            + "Too many open connections.\n";

    /** Closes the listening sockets; connections already open keep being served until {@link #close}. */
    void stopAccepting() {
        for (Channel listener : listeners) {
            listener.close().syncUninterruptibly();
        }
    }

    @Override
    public void close() {
        stopAccepting();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
