package io.lawmonitor.run;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.flink.client.deployment.executors.LocalExecutor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.RpcServiceSharing;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The MiniCluster of a run on one machine, started on a thread of its own as soon as its settings
 * are known, so that it comes up while the run reads its input once (for a million events the two
 * take about as long). The run's job then goes to it, as {@code executeAsync} of a local
 * environment would send it to a cluster of its own; it shuts down when the job ends. Closed
 * before a job went to it (the scan failed, the graph could not be built), it shuts down then.
 */
public final class EarlyCluster implements AutoCloseable {
  private final Configuration conf;
  private final MiniClusterConfiguration clusterConf;
  private final Early cluster;
  private volatile boolean handedOver;

  /** Starts the cluster of a run with this configuration (the job's too) and parallelism. */
  static EarlyCluster start(Configuration conf, int parallelism) {
    return new EarlyCluster(conf, parallelism);
  }

  private EarlyCluster(Configuration base, int parallelism) {
    // what a local environment adds to its configuration
    this.conf = new Configuration(base);
    conf.set(DeploymentOptions.TARGET, LocalExecutor.NAME);
    conf.set(DeploymentOptions.ATTACHED, true);
    this.clusterConf = clusterConfiguration(conf, parallelism);
    this.cluster = new Early(clusterConf);
    cluster.startEarly();
  }

  /** As Flink's own per-job MiniCluster would be configured for a job of this parallelism. */
  private static MiniClusterConfiguration clusterConfiguration(Configuration conf, int parallelism) {
    Configuration c = new Configuration(conf);
    if (!c.contains(RestOptions.BIND_PORT)) {
      c.set(RestOptions.BIND_PORT, "0");
    }
    int taskManagers = c.get(TaskManagerOptions.MINI_CLUSTER_NUM_TASK_MANAGERS);
    int slots = c.getOptional(TaskManagerOptions.NUM_TASK_SLOTS).orElse((parallelism + taskManagers - 1) / taskManagers);
    return new MiniClusterConfiguration.Builder().setConfiguration(c).setNumTaskManagers(taskManagers)
        .setRpcServiceSharing(RpcServiceSharing.SHARED).setNumSlotsPerTaskManager(slots).build();
  }

  /** An environment whose job runs on this cluster. */
  StreamExecutionEnvironment environment() {
    PipelineExecutorFactory local = new PipelineExecutorFactory() {
      @Override
      public String getName() {
        return LocalExecutor.NAME;
      }

      @Override
      public boolean isCompatibleWith(Configuration configuration) {
        return LocalExecutor.NAME.equals(configuration.get(DeploymentOptions.TARGET));
      }

      @Override
      public PipelineExecutor getExecutor(Configuration configuration) {
        return LocalExecutor.createWithFactory(configuration, EarlyCluster.this::forJob);
      }
    };
    PipelineExecutorServiceLoader loader = new PipelineExecutorServiceLoader() {
      @Override
      public PipelineExecutorFactory getExecutorFactory(Configuration configuration) {
        return local;
      }

      @Override
      public Stream<String> getExecutorNames() {
        return Stream.of(LocalExecutor.NAME);
      }
    };
    return new StreamExecutionEnvironment(loader, conf, Thread.currentThread().getContextClassLoader());
  }

  /**
   * The cluster for the job, given the configuration Flink worked out for it: this one when they
   * agree, as they do unless the job asks for more slots than the run said; else one of its own.
   */
  private MiniCluster forJob(MiniClusterConfiguration wanted) {
    handedOver = true;
    if (wanted.getNumTaskManagers() == clusterConf.getNumTaskManagers()
        && wanted.getConfiguration().get(TaskManagerOptions.NUM_TASK_SLOTS)
            .equals(clusterConf.getConfiguration().get(TaskManagerOptions.NUM_TASK_SLOTS))) {
      return cluster;
    }
    cluster.closeAsync();
    return new MiniCluster(wanted);
  }

  @Override
  public void close() {
    if (!handedOver) {
      cluster.closeAsync();
    }
  }

  /** A MiniCluster whose start, asked for by the job's submission, waits for the one begun early. */
  private static final class Early extends MiniCluster {
    private final CompletableFuture<Void> started = new CompletableFuture<>();

    Early(MiniClusterConfiguration c) {
      super(c);
    }

    void startEarly() {
      Thread t = new Thread(() -> {
        try {
          super.start();
          started.complete(null);
        } catch (Throwable e) {
          started.completeExceptionally(e);
        }
      }, "start of the MiniCluster");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void start() throws Exception {
      try {
        started.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof Exception x) {
          throw x;
        }
        throw e;
      }
    }
  }
}
