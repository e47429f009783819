package dev.wharf.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The ceiling: an HTTP server on the same Netty, with the same transport (native epoll where available, one event
 * loop per core) and pipeline shape as Wharf's, that does nothing but answer every request with a fixed 200 JSON
 * response chosen by its {@code X-Amz-Target}. What the generator measures against it is the most any server could
 * do on this machine with this client.
 *
 * <p>The answers are valid SQS answers for the bench's own requests, so that the AWS SDK accepts them: CreateQueue
 * gets a queue URL, SendMessage and SendMessageBatch (entry ids {@code m0}, {@code m1}, ...) get message ids and the
 * MD5 of the bench's fixed body, which the SDK checks. Anything else gets {@code {}}.
 */
final class CeilingServer implements AutoCloseable {

    private final boolean epoll;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;

    CeilingServer(String host, int port, int bodyBytes, int batchSize, boolean nio) {
        this.epoll = !nio && Epoll.isAvailable();
        this.boss = new MultiThreadIoEventLoopGroup(1, ioHandlers());
        this.workers = new MultiThreadIoEventLoopGroup(ioHandlers());
        Answer answer = new Answer(answers(bodyBytes, batchSize));
        this.channel = new ServerBootstrap()
                .group(boss, workers)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpServerKeepAliveHandler())
                                .addLast(new HttpObjectAggregator(8 << 20))
                                .addLast(answer);
                    }
                })
                .bind(host, port)
                .syncUninterruptibly()
                .channel();
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        boss.shutdownGracefully();
        workers.shutdownGracefully();
    }

    private IoHandlerFactory ioHandlers() {
        return epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    /** The answer body for each X-Amz-Target of the bench's SQS requests. */
    private static Map<String, byte[]> answers(int bodyBytes, int batchSize) {
        String md5 = md5Hex(SqsRequests.body(bodyBytes));
        String messageId = "6a1f4bd0-4c5e-4a8e-9d3c-0b1e2f3a4b5c";
        StringBuilder batch = new StringBuilder("{\"Successful\":[");
        for (int i = 0; i < batchSize; i++) {
            batch.append(i == 0 ? "" : ",")
                    .append("{\"Id\":\"m")
                    .append(i)
                    .append("\",\"MessageId\":\"")
                    .append(messageId)
                    .append("\",\"MD5OfMessageBody\":\"")
                    .append(md5)
                    .append("\"}");
        }
        batch.append("],\"Failed\":[]}");
        return Map.of(
                "AmazonSQS.CreateQueue", utf8("{\"QueueUrl\":\"http://127.0.0.1/000000000000/ceiling\"}"),
                "AmazonSQS.SendMessage",
                        utf8("{\"MessageId\":\"" + messageId + "\",\"MD5OfMessageBody\":\"" + md5 + "\"}"),
                "AmazonSQS.SendMessageBatch", utf8(batch.toString()));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(utf8(text)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    /** Answers every request with the fixed 200 body of its target, or {@code {}}. */
    @ChannelHandler.Sharable
    private static final class Answer extends SimpleChannelInboundHandler<FullHttpRequest> {
        private static final ByteBuf EMPTY = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(utf8("{}")));

        private final Map<String, ByteBuf> bodies = new HashMap<>();

        Answer(Map<String, byte[]> answers) {
            answers.forEach(
                    (target, body) -> bodies.put(target, Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(body))));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
            String target = request.headers().get("X-Amz-Target");
            ByteBuf body = target == null ? EMPTY : bodies.getOrDefault(target, EMPTY);
            FullHttpResponse response =
                    new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body.duplicate());
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, "application/x-amz-json-1.0")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            context.writeAndFlush(response);
        }
    }
}
