package dev.wharf.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * A real HTTP/2 client on a real socket, built from Netty's client codec: h2c with prior knowledge, or TLS with ALPN
 * {@code h2}. It sees frames as they come, so tests can tell a streamed body from a buffered one and a reset from an
 * end. It ignores the server's header list limit when it sends, so that the server's own enforcement is what is tested.
 */
final class Http2Client implements AutoCloseable {

    /** A response as its frames brought it: the final head, each DATA frame's bytes, and how the stream ended. */
    record Response(
            Http2Headers headers,
            List<byte[]> data,
            boolean ended,
            @Nullable Http2Error reset) {
        int status() {
            return Integer.parseInt(headers.status().toString());
        }

        String header(String name) {
            CharSequence value = headers.get(name);
            return value == null ? "" : value.toString();
        }

        String body() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            data.forEach(out::writeBytes);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel connection;
    /** The server's first SETTINGS. */
    final CompletableFuture<Http2Settings> serverSettings = new CompletableFuture<>();
    /**
     * The error codes of every RST_STREAM the server sent, in order, including those for streams that had ended
     * already, which Netty drops before any stream handler sees them.
     */
    final List<Long> resetsReceived = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Http2Client(int port, @Nullable SslContext tls) throws InterruptedException {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (tls != null) {
                            channel.pipeline().addLast(tls.newHandler(channel.alloc(), "localhost", port));
                        }
                        channel.pipeline()
                                .addLast(Http2FrameCodecBuilder.forClient()
                                        .encoderIgnoreMaxHeaderListSize(true)
                                        .frameLogger(new ResetRecorder(resetsReceived))
                                        .build());
                        channel.pipeline().addLast(new Http2MultiplexHandler(new SimpleChannelInboundHandler<>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
                                // Streams the server pushes: it never does.
                            }
                        }));
                        channel.pipeline().addLast(new SimpleChannelInboundHandler<Http2SettingsFrame>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, Http2SettingsFrame frame) {
                                serverSettings.complete(frame.settings());
                            }
                        });
                    }
                });
        connection = bootstrap.connect("127.0.0.1", port).sync().channel();
    }

    /** An h2c connection with prior knowledge. */
    static Http2Client plain(int port) throws InterruptedException {
        return new Http2Client(port, null);
    }

    /** A TLS connection that offers only {@code h2} by ALPN and trusts any certificate. */
    static Http2Client tls(int port) throws InterruptedException, SSLException {
        SslContext context = SslContextBuilder.forClient()
                .trustManager(InsecureTrustManagerFactory.INSTANCE)
                .applicationProtocolConfig(new ApplicationProtocolConfig(
                        ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2))
                .build();
        return new Http2Client(port, context);
    }

    /** The protocol that ALPN chose, once the handshake is done; null on a plain connection. */
    @Nullable
    String negotiatedProtocol() throws Exception {
        SslHandler ssl = connection.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return null;
        }
        ssl.handshakeFuture().get(10, TimeUnit.SECONDS);
        return ssl.applicationProtocol();
    }

    static Http2Headers headers(String method, String path) {
        return new DefaultHttp2Headers()
                .method(method)
                .path(path)
                .scheme("http")
                .authority("localhost");
    }

    /** One request's stream and its response to come. */
    record Call(Http2StreamChannel stream, CompletableFuture<Response> response) {
        /** Starts reading a stream opened without reading, which gives the server flow-control window again. */
        void read() {
            stream.config().setAutoRead(true);
        }
    }

    /** Sends a request whose body is {@code body}, all at once. */
    CompletableFuture<Response> send(Http2Headers headers, byte[] body) throws InterruptedException {
        return send(headers, body.length == 0 ? List.of() : List.of(body), true, data -> {}, true)
                .response();
    }

    /**
     * Opens a stream and sends a head and DATA frames, ending the stream after them if {@code end}; {@code onData} sees
     * each DATA frame's bytes as it arrives. A stream that does not {@code read} consumes nothing, so the server's
     * flow-control window for it runs out.
     */
    Call send(Http2Headers headers, List<byte[]> chunks, boolean end, Consumer<byte[]> onData, boolean read)
            throws InterruptedException {
        CompletableFuture<Response> response = new CompletableFuture<>();
        Http2StreamChannel stream = new Http2StreamChannelBootstrap(connection)
                .option(ChannelOption.AUTO_READ, read)
                .handler(new Collector(response, onData))
                .open()
                .sync()
                .getNow();
        stream.write(new DefaultHttp2HeadersFrame(headers, chunks.isEmpty() && end));
        for (int i = 0; i < chunks.size(); i++) {
            stream.write(
                    new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(chunks.get(i)), end && i == chunks.size() - 1));
        }
        stream.flush();
        return new Call(stream, response);
    }

    /** Gives the server {@code bytes} more of the connection's flow-control window. */
    void growConnectionWindow(int bytes) {
        connection.writeAndFlush(new DefaultHttp2WindowUpdateFrame(bytes));
    }

    boolean isOpen() {
        return connection.isActive();
    }

    @Override
    public void close() {
        connection.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Gathers one stream's response frames. */
    private static final class Collector extends SimpleChannelInboundHandler<Http2StreamFrame> {
        private final CompletableFuture<Response> response;
        private final Consumer<byte[]> onData;
        private final List<byte[]> data = new ArrayList<>();
        private Http2Headers headers = new DefaultHttp2Headers();

        Collector(CompletableFuture<Response> response, Consumer<byte[]> onData) {
            this.response = response;
            this.onData = onData;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Http2StreamFrame frame) {
            if (frame instanceof Http2HeadersFrame head) {
                CharSequence status = head.headers().status();
                if (status == null || status.charAt(0) != '1') {
                    headers = head.headers();
                }
                if (head.isEndStream()) {
                    response.complete(new Response(headers, data, true, null));
                }
            } else if (frame instanceof Http2DataFrame chunk) {
                ByteBuf content = chunk.content();
                byte[] bytes = new byte[content.readableBytes()];
                content.readBytes(bytes);
                data.add(bytes);
                onData.accept(bytes);
                if (chunk.isEndStream()) {
                    response.complete(new Response(headers, data, true, null));
                }
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            // Netty hands a stream's RST_STREAM to it as an event, since resets are not flow-controlled.
            if (event instanceof Http2ResetFrame reset) {
                response.complete(new Response(headers, data, false, Http2Error.valueOf(reset.errorCode())));
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            // Closed without an end or a reset that reached this stream.
            response.complete(new Response(headers, data, false, null));
            super.channelInactive(ctx);
        }
    }

    /** Sees every frame the codec reads, as its logger, and keeps the resets' error codes. */
    private static final class ResetRecorder extends io.netty.handler.codec.http2.Http2FrameLogger {
        private final List<Long> resets;

        ResetRecorder(List<Long> resets) {
            super(io.netty.handler.logging.LogLevel.TRACE);
            this.resets = resets;
        }

        @Override
        public void logRstStream(Direction direction, ChannelHandlerContext ctx, int streamId, long errorCode) {
            if (direction == Direction.INBOUND) {
                resets.add(errorCode);
            }
            super.logRstStream(direction, ctx, streamId, errorCode);
        }
    }
}
