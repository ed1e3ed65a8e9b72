package io.sentiflow.bench;

import io.sentiflow.connect.KafkaConnection;
import io.sentiflow.connect.KafkaOptions;
import io.sentiflow.deploy.cluster.ClusterPaths;
import io.sentiflow.deploy.cluster.FlinkClusterConfig;
import io.sentiflow.deploy.cluster.FlinkRest;
import io.sentiflow.deploy.cluster.StandaloneFlinkCluster;
import io.sentiflow.job.ScoringJob;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;

/**
 * Runs the scoring job from the shaded job jar on a standalone Flink cluster of two TaskManager
 * processes ({@link StandaloneFlinkCluster}), submitted through the REST API as an operator would
 * ({@code StandaloneClusterITCase} does the same). The jar is uploaded once; each job gets the
 * benchmark's configuration as {@code --key value} program arguments. {@link #close()} stops the cluster.
 */
final class ClusterJobLauncher implements JobLauncher, AutoCloseable {

    private static final Set<String> TERMINAL = Set.of("FAILED", "CANCELED", "FINISHED", "SUSPENDED");
    private static final Duration CANCEL_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration POLL = Duration.ofMillis(250);

    private final StandaloneFlinkCluster cluster;
    private final FlinkRest rest;
    private final String jarId;
    private final KafkaConnection connection;

    private ClusterJobLauncher(StandaloneFlinkCluster cluster, FlinkRest rest, String jarId,
            KafkaConnection connection) {
        this.cluster = cluster;
        this.rest = rest;
        this.jarId = jarId;
        this.connection = connection;
    }

    /**
     * Starts the cluster (its conf, logs and uploads under {@code workDir}) and uploads the job jar.
     *
     * @param slots task slots per TaskManager: the largest parallelism, so a job fits either way
     */
    static ClusterJobLauncher start(KafkaConnection connection, Path workDir, int slots) throws Exception {
        if (!connection.clientProperties().isEmpty()) {
            throw new IllegalArgumentException("--standalone hands the cluster's jobs only the bootstrap servers;"
                    + " drop --client-config or run without --standalone");
        }
        int restPort = freePort();
        int rpcPort = freePort();
        while (rpcPort == restPort) {
            rpcPort = freePort();
        }
        StandaloneFlinkCluster cluster = new StandaloneFlinkCluster(
                FlinkClusterConfig.local(ClusterPaths.flinkLib(), workDir, restPort, rpcPort, slots));
        try {
            cluster.start();
            FlinkRest rest = new FlinkRest(cluster.config().restUrl());
            return new ClusterJobLauncher(cluster, rest, rest.uploadJar(ClusterPaths.jobJar()), connection);
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    @Override
    public RunningJob start(String key, Configuration conf) throws Exception {
        Configuration job = new Configuration(conf);
        job.set(KafkaOptions.BOOTSTRAP_SERVERS, connection.bootstrapServers());
        List<String> args = new ArrayList<>();
        for (Map.Entry<String, String> entry : job.toMap().entrySet()) {
            args.add("--" + entry.getKey());
            args.add(entry.getValue());
        }
        String jobId = rest.run(jarId, ScoringJob.class.getName(), args);
        return new RunningJob() {
            @Override
            public boolean ended() {
                try {
                    return TERMINAL.contains(rest.state(jobId));
                } catch (IOException e) {
                    return true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return true;
                }
            }

            @Override
            public void close() throws Exception {
                rest.cancel(jobId);
                long deadline = System.nanoTime() + CANCEL_TIMEOUT.toNanos();
                while (!TERMINAL.contains(rest.state(jobId))) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("job " + jobId + " (" + key + ") was not cancelled within "
                                + CANCEL_TIMEOUT.toSeconds() + " s; see " + cluster.config().logDir());
                    }
                    TimeUnit.MILLISECONDS.sleep(POLL.toMillis()); // a poll interval, bounded by the deadline
                }
            }
        };
    }

    /** Where the cluster's logs are, for messages when a job fails there. */
    Path logDir() {
        return cluster.config().logDir();
    }

    @Override
    public void close() {
        cluster.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
