package io.lawmonitor.run;

import io.lawmonitor.prometheus.MonitorReporterFactory;
import io.lawmonitor.run.Retained;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lawmonitor.support.Placeholders;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.shaded.netty4.io.netty.channel.embedded.EmbeddedChannel;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.DefaultFullHttpRequest;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.FullHttpResponse;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpMethod;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OneMachineTest {
  @TempDir
  Path dir;

  @Test
  void theMiniClusterListensOnLoopbackWithoutUploadAndKeepsStateInTheUsersFolder() {
    Configuration base = new Configuration();
    base.setString("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
    base.setString("metrics.reporter.prom.port", "9249");
    Path state = OneMachine.prepareStateDir(dir.resolve("state"));
    Configuration c = new OneMachine("127.0.0.1", 8081, "127.0.0.1", 0, state).configure(base, "kafka-g");
    assertThat(c.get(RestOptions.BIND_ADDRESS)).isEqualTo("127.0.0.1");
    assertThat(c.get(JobManagerOptions.BIND_HOST)).isEqualTo("127.0.0.1");
    assertThat(c.get(WebOptions.SUBMIT_ENABLE)).isFalse();
    assertThat(c.get(WebOptions.CANCEL_ENABLE)).isTrue();
    assertThat(c.get(ReadOnlyRemoteRest.ENABLED)).isFalse();
    assertThat(c.keySet()).as("no Prometheus endpoint unless a port is given").noneMatch(k -> k.startsWith("metrics.reporter"));
    assertThat(c.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo(state.resolve("checkpoints/kafka-g").toUri().toString());
    assertThat(c.get(CheckpointingOptions.SAVEPOINT_DIRECTORY)).isEqualTo(state.resolve("savepoints/kafka-g").toUri().toString());

    Configuration exposed = new OneMachine("0.0.0.0", 8081, "127.0.0.1", 9300, state).configure(base, "local");
    assertThat(exposed.get(WebOptions.CANCEL_ENABLE)).isFalse();
    assertThat(exposed.get(ReadOnlyRemoteRest.ENABLED)).isTrue();
    assertThat(exposed.toMap()).containsEntry("metrics.reporter.prom.factory.class", MonitorReporterFactory.class.getName())
        .containsEntry("metrics.reporter.prom.host", "127.0.0.1").containsEntry("metrics.reporter.prom.port", "9300");

    Configuration elsewhere = new Configuration();
    elsewhere.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, "s3://city-flink/checkpoints");
    assertThat(new OneMachine("127.0.0.1", 0, "127.0.0.1", 0, state).configure(elsewhere, "local")
        .get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).as("a configured folder wins").isEqualTo("s3://city-flink/checkpoints");
  }

  @Test
  void theStateFolderIsTheUsersAlone() throws Exception {
    Path made = OneMachine.prepareStateDir(dir.resolve("a/state"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made))).isEqualTo("rwx------");
    Path open = Files.createDirectories(dir.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwx---"));
    assertThatThrownBy(() -> OneMachine.prepareStateDir(open)).hasMessageContaining("writable by other users (rwxrwx---)");
    Path file = Files.writeString(dir.resolve("f"), "x");
    assertThatThrownBy(() -> OneMachine.prepareStateDir(file)).hasMessageContaining("is a file");
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThat(OneMachine.prepareStateDir(open)).as("readable by others is the user's choice").isEqualTo(open);
  }

  @Test
  void changesThroughTheRestApiComeOnlyFromThisMachine() {
    SocketAddress office = new InetSocketAddress("10.20.30.40", 51000);
    SocketAddress here = new InetSocketAddress("127.0.0.1", 51000);
    assertThat(ReadOnlyRemoteRest.allowed("GET", office)).isTrue();
    assertThat(ReadOnlyRemoteRest.allowed("PATCH", office)).isFalse();
    assertThat(ReadOnlyRemoteRest.allowed("POST", office)).isFalse();
    assertThat(ReadOnlyRemoteRest.allowed("PATCH", here)).isTrue();

    EmbeddedChannel fromOffice = channelFrom(office);
    fromOffice.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/jobs/x/stop"));
    FullHttpResponse res = fromOffice.readOutbound();
    assertThat(res.status().code()).isEqualTo(403);
    assertThat(res.content().toString(StandardCharsets.UTF_8)).contains("read-only from the network");
    assertThat((Object) fromOffice.readInbound()).as("not passed on").isNull();
    assertThat(fromOffice.isOpen()).isFalse();
    EmbeddedChannel look = channelFrom(office);
    look.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/jobs"));
    assertThat((Object) look.readInbound()).as("a look is passed on").isNotNull();
  }

  private static EmbeddedChannel channelFrom(SocketAddress remote) {
    return new EmbeddedChannel(new ReadOnlyRemoteRest.Guard()) {
      @Override
      protected SocketAddress remoteAddress0() {
        return remote;
      }
    };
  }

  @Test
  void resumeTakesTheNewestCompleteCheckpointOrSavepoint() throws Exception {
    Path cps = dir.resolve("checkpoints");
    Path sps = dir.resolve("savepoints");
    metadata(cps.resolve("aaaa/chk-3"), 1_000_000);
    metadata(cps.resolve("bbbb/chk-7"), 2_000_000);
    Files.createDirectories(cps.resolve("bbbb/chk-8")); // being written when the process died: no _metadata
    Files.createDirectories(cps.resolve("bbbb/shared"));
    Retained r = Retained.newest(cps.toUri().toString(), sps.toUri().toString()).orElseThrow();
    assertThat(r.kind()).isEqualTo("checkpoint");
    assertThat(r.path()).endsWith("bbbb/chk-7");
    assertThat(r.describe()).startsWith("checkpoint chk-7 of job bbbb, written ");

    metadata(sps.resolve("savepoint-cccccc-0123456789ab"), 3_000_000);
    assertThat(Retained.newest(cps.toUri().toString(), sps.toUri().toString()).orElseThrow().path())
        .endsWith("savepoint-cccccc-0123456789ab");
    assertThat(Retained.newestSavepoint(sps.toUri().toString(), "cccccc0000000000")).isPresent();
    assertThat(Retained.newestSavepoint(sps.toUri().toString(), "dddddd0000000000")).isEmpty();
    assertThat(Retained.newest(dir.resolve("none").toUri().toString(), null)).isEmpty();
  }

  private static void metadata(Path folder, long millis) throws Exception {
    Files.createDirectories(folder);
    Path m = Files.writeString(folder.resolve("_metadata"), "x");
    Files.setLastModifiedTime(m, FileTime.fromMillis(millis));
  }

  @Test
  void placeholdersComeFromTheEnvironmentAndAMissingOneIsNamed() {
    Map<String, String> env = Map.of("KAFKA_PASSWORD", "pa$$\\word");
    assertThat(Placeholders.expand("password=\"${KAFKA_PASSWORD}\";", env::get, "x")).isEqualTo("password=\"pa$$\\word\";");
    assertThat(Placeholders.expand("literal $${NOT_A_VAR}", env::get, "x")).isEqualTo("literal ${NOT_A_VAR}");
    assertThatThrownBy(() -> Placeholders.expand("${NOPE}", env::get, "kafka.properties.sasl.jaas.config"))
        .hasMessage("kafka.properties.sasl.jaas.config: environment variable NOPE is not set");
  }
}
