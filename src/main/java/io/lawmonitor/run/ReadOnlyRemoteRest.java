package io.lawmonitor.run;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.io.network.netty.InboundChannelHandlerFactory;
import org.apache.flink.shaded.netty4.io.netty.buffer.Unpooled;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelFutureListener;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandler;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandlerContext;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelInboundHandlerAdapter;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.DefaultFullHttpResponse;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.FullHttpResponse;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpHeaderNames;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpRequest;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpResponseStatus;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpVersion;
import org.apache.flink.shaded.netty4.io.netty.util.ReferenceCountUtil;

/**
 * Makes the Flink REST API read-only for callers on other machines once the web UI is shown on
 * the network ({@code --web-ui-bind}): they may look (GET), but cancelling, stopping, savepoints
 * and rescaling are refused with 403 unless the request comes from this machine. Flink's REST
 * server has no login; this is what keeps an office network from stopping the job. Loaded by the
 * REST server as a handler factory; does nothing unless {@link #ENABLED} is set.
 */
public final class ReadOnlyRemoteRest implements InboundChannelHandlerFactory {
  public static final ConfigOption<Boolean> ENABLED = ConfigOptions.key("rule-of-law-monitor.rest.remote-read-only")
      .booleanType().defaultValue(false)
      .withDescription("Refuse every REST request but GET, HEAD and OPTIONS unless it comes from the loopback address.");

  private static final Set<String> READING = Set.of("GET", "HEAD", "OPTIONS");

  @Override
  public int priority() {
    return 100;
  }

  @Override
  public Optional<ChannelHandler> createHandler(Configuration configuration, Map<String, String> responseHeaders) {
    return configuration.get(ENABLED) ? Optional.of(new Guard()) : Optional.empty();
  }

  /** Whether a request with this method from this address may pass. */
  static boolean allowed(String method, SocketAddress remote) {
    if (READING.contains(method)) {
      return true;
    }
    return remote instanceof InetSocketAddress a && a.getAddress() != null && a.getAddress().isLoopbackAddress();
  }

  static final class Guard extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest req && !allowed(req.method().name(), ctx.channel().remoteAddress())) {
        ReferenceCountUtil.release(msg);
        byte[] body = ("{\"errors\":[\"read-only from the network: " + req.method().name()
            + " is accepted only from the machine the monitor runs on\"]}").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FORBIDDEN,
            Unpooled.wrappedBuffer(body));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8");
        res.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        return;
      }
      ctx.fireChannelRead(msg);
    }
  }
}
