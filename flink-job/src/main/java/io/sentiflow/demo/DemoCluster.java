package io.sentiflow.demo;

import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One local Flink for the demo's two jobs, the scoring job and the learner, with the web UI on the
 * configured {@code rest.port}: a MiniCluster in this process that jobs are submitted to, so both
 * show in one UI and a job's end does not take the cluster down. {@link #close()} stops it.
 */
final class DemoCluster implements AutoCloseable {

    private static final long CLOSE_SECONDS = 60;

    private final MiniCluster cluster;
    private final String uiAddress;

    private DemoCluster(MiniCluster cluster, String uiAddress) {
        this.cluster = cluster;
        this.uiAddress = uiAddress;
    }

    /**
     * Starts the cluster.
     *
     * @param conf Flink keys ({@code rest.port} included) for the cluster
     * @param slots task slots: enough for every operator of both jobs at their parallelism
     */
    static DemoCluster start(Configuration conf, int slots) throws Exception {
        Configuration clusterConf = new Configuration(conf);
        clusterConf.set(TaskManagerOptions.NUM_TASK_SLOTS, slots);
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(clusterConf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .build());
        cluster.start();
        return new DemoCluster(cluster, cluster.getRestAddress().get(30, TimeUnit.SECONDS).toString());
    }

    /** The web UI, with the port actually bound (a configured 0 picks a free one). */
    String uiAddress() {
        return uiAddress;
    }

    /** Submits what {@code env} holds as a job named {@code name}; returns at once. */
    DemoJob submit(StreamExecutionEnvironment env, String name) throws Exception {
        var graph = env.getStreamGraph();
        graph.setJobName(name);
        JobID id = cluster.submitJob(graph).get(60, TimeUnit.SECONDS).getJobID();
        return new DemoJob(cluster, id, name);
    }

    @Override
    public void close() throws Exception {
        cluster.closeAsync().get(CLOSE_SECONDS, TimeUnit.SECONDS);
    }
}
