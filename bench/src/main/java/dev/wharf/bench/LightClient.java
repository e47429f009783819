package dev.wharf.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A minimal HTTP/1.1 client on Netty that writes pre-rendered request bytes over keep-alive connections and hands
 * each decoded response to the connection's listener, on the connection's event loop.
 *
 * <p>It never encodes a request: a request is a buffer that {@link SqsRequests} rendered (and signed) once, written
 * as a duplicate each time, so replaying costs one write and one response decode.
 */
final class LightClient implements AutoCloseable {

    /** What a connection does with its responses; called on the connection's event loop. */
    interface Listener {
        void onResponse(Connection connection, FullHttpResponse response, long latencyNanos);

        default void onFailure(Connection connection, Throwable cause) {
            Bench.LOG.warn("connection failed: {}", cause.toString());
        }
    }

    private static final int MAX_RESPONSE_BYTES = 16 << 20;

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final List<Connection> connections = new ArrayList<>();

    LightClient(URI endpoint, int threads) {
        this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .remoteAddress(endpoint.getHost(), endpoint.getPort())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(new HttpResponseDecoder())
                                .addLast(new HttpObjectAggregator(MAX_RESPONSE_BYTES))
                                .addLast(new Inbound());
                    }
                });
    }

    /**
     * Opens a connection on one of the event loops and waits for it; the connection stays on that loop, and opens a
     * new channel there whenever the server closed the last one (moto answers {@code Connection: close}).
     */
    Connection connect(Listener listener) {
        EventLoop loop = group.next();
        Connection connection = new Connection(bootstrap.clone(loop), loop, listener);
        connection.open().syncUninterruptibly();
        synchronized (connections) {
            connections.add(connection);
        }
        return connection;
    }

    List<Connection> connect(int count, Listener listener) {
        List<Connection> opened = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            opened.add(connect(listener));
        }
        return opened;
    }

    /** The first event loop: the only one when the client was made with one thread. */
    EventLoop eventLoop() {
        return group.next();
    }

    /** Sends one request on a connection of its own and waits for the answer: for setup, not for load. */
    Response call(ByteBuf request) {
        CompletableFuture<Response> answer = new CompletableFuture<>();
        Connection connection = connect(new Listener() {
            @Override
            public void onResponse(Connection c, FullHttpResponse response, long latencyNanos) {
                answer.complete(Response.of(response));
            }

            @Override
            public void onFailure(Connection c, Throwable cause) {
                answer.completeExceptionally(cause);
            }
        });
        try {
            connection.send(request, System.nanoTime());
            return answer.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("setup request failed: " + e, e);
        } finally {
            connection.close();
        }
    }

    @Override
    public void close() {
        synchronized (connections) {
            for (Connection connection : connections) {
                connection.close();
            }
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** A decoded response, copied out of Netty's buffers. */
    record Response(int status, byte[] body) {
        static Response of(FullHttpResponse response) {
            ByteBuf content = response.content();
            byte[] body = new byte[content.readableBytes()];
            content.getBytes(content.readerIndex(), body);
            return new Response(response.status().code(), body);
        }

        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** One logical keep-alive connection with at most one request in flight, confined to one event loop. */
    static final class Connection {
        private final Bootstrap bootstrap;
        private final EventLoop loop;
        private final Listener listener;
        private @Nullable Channel channel;
        private long startNanos;
        private boolean inFlight;
        private volatile boolean closed;

        Connection(Bootstrap bootstrap, EventLoop loop, Listener listener) {
            this.bootstrap = bootstrap;
            this.loop = loop;
            this.listener = listener;
        }

        private ChannelFuture open() {
            ChannelFuture connected = bootstrap.connect();
            Channel opened = connected.channel();
            opened.attr(CONNECTION).set(this);
            channel = opened;
            return connected;
        }

        /**
         * Writes {@code request} (a duplicate, so the buffer is reusable); latency is measured from {@code
         * startNanos}, the time the request was meant to go out.
         */
        void send(ByteBuf request, long startNanos) {
            if (!loop.inEventLoop()) {
                loop.execute(() -> send(request, startNanos));
                return;
            }
            this.startNanos = startNanos;
            this.inFlight = true;
            Channel current = channel;
            if (current != null && current.isActive()) {
                current.writeAndFlush(request.duplicate()).addListener(this::onWritten);
            } else {
                open().addListener(f -> {
                    if (f.isSuccess()) {
                        ((ChannelFuture) f)
                                .channel()
                                .writeAndFlush(request.duplicate())
                                .addListener(this::onWritten);
                    } else {
                        fail(f.cause());
                    }
                });
            }
        }

        private void onWritten(Future<? super Void> written) {
            if (!written.isSuccess()) {
                fail(written.cause());
            }
        }

        private void fail(Throwable cause) {
            if (inFlight) {
                inFlight = false;
                listener.onFailure(this, cause);
            }
        }

        void close() {
            closed = true;
            Channel current = channel;
            if (current != null) {
                current.close();
            }
        }

        private void onResponse(Channel from, FullHttpResponse response) {
            if (!HttpUtil.isKeepAlive(response)) {
                // The server will close; a request written now would be lost, so the next send opens a new channel.
                channel = null;
                from.close();
            }
            inFlight = false;
            listener.onResponse(this, response, System.nanoTime() - startNanos);
        }

        private void onClosed(Channel from) {
            if (from == channel && !closed) {
                channel = null;
                fail(new java.io.IOException("the server closed the connection"));
            }
        }
    }

    private static final AttributeKey<Connection> CONNECTION = AttributeKey.valueOf("bench-connection");

    /** Hands a channel's responses to its connection. */
    private static final class Inbound extends SimpleChannelInboundHandler<FullHttpResponse> {
        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpResponse response) {
            Connection connection = context.channel().attr(CONNECTION).get();
            if (connection != null) {
                connection.onResponse(context.channel(), response);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            Connection connection = context.channel().attr(CONNECTION).get();
            if (connection != null) {
                connection.onClosed(context.channel());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            context.close();
        }
    }
}
