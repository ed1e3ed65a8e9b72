package io.sentiflow.deploy.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of a local standalone Flink cluster: one JobManager and {@code taskManagers}
 * TaskManagers, each a separate {@code java} process on 127.0.0.1 with its own memory budget.
 *
 * @param libDir Flink's {@code lib/}: the jars Maven copies to {@code deploy/target/flink-cluster/lib}
 * @param workDir holds the generated {@code conf/}, logs, uploads and temporary files
 * @param restPort the JobManager's REST port (0 is not allowed: clients must know it)
 * @param rpcPort the JobManager's RPC port
 * @param taskManagers how many TaskManager processes
 * @param slotsPerTaskManager task slots per TaskManager
 * @param jobManagerMemory {@code jobmanager.memory.process.size}, e.g. {@code 768m}
 * @param taskManagerMemory {@code taskmanager.memory.process.size}, e.g. {@code 1536m}
 * @param managedMemory {@code taskmanager.memory.managed.size}: RocksDB's budget
 * @param taskOffHeapMemory {@code taskmanager.memory.task.off-heap.size}: the model's native
 *     memory (ONNX Runtime and tokenizers allocate outside the heap)
 * @param startTimeout how long to wait for the REST API to list every TaskManager
 * @param extra further {@code config.yaml} entries (restart strategy, checkpoints), written last
 */
public record FlinkClusterConfig(
        Path libDir,
        Path workDir,
        int restPort,
        int rpcPort,
        int taskManagers,
        int slotsPerTaskManager,
        String jobManagerMemory,
        String taskManagerMemory,
        String managedMemory,
        String taskOffHeapMemory,
        Duration startTimeout,
        Map<String, String> extra) {

    public static final String HOST = "127.0.0.1";

    public FlinkClusterConfig {
        require(restPort > 0 && restPort < 65536, "restPort", restPort);
        require(rpcPort > 0 && rpcPort < 65536 && rpcPort != restPort, "rpcPort", rpcPort);
        require(taskManagers >= 1, "taskManagers", taskManagers);
        require(slotsPerTaskManager >= 1, "slotsPerTaskManager", slotsPerTaskManager);
        require(!startTimeout.isNegative() && !startTimeout.isZero(), "startTimeout", startTimeout);
        extra = Map.copyOf(extra);
    }

    /** Two TaskManagers with the memory this machine affords; ports must be free. */
    public static FlinkClusterConfig local(Path libDir, Path workDir, int restPort, int rpcPort, int slots) {
        return new FlinkClusterConfig(libDir, workDir, restPort, rpcPort, 2, slots,
                "768m", "1600m", "128m", "384m", Duration.ofMinutes(2), Map.of());
    }

    public FlinkClusterConfig withExtra(Map<String, String> entries) {
        Map<String, String> merged = new LinkedHashMap<>(extra);
        merged.putAll(entries);
        return new FlinkClusterConfig(libDir, workDir, restPort, rpcPort, taskManagers, slotsPerTaskManager,
                jobManagerMemory, taskManagerMemory, managedMemory, taskOffHeapMemory, startTimeout, merged);
    }

    /**
     * ZooKeeper high availability, as a production standalone cluster runs: the leading JobManager,
     * the jobs it runs and their latest checkpoints are recorded in ZooKeeper at {@code quorum}
     * (metadata in {@code storageDir}), so a JobManager started after one was lost takes over and
     * resumes every job from its latest checkpoint.
     *
     * @param clusterId keeps this cluster's entries apart from other clusters on the same quorum
     */
    public FlinkClusterConfig withZooKeeperHa(String quorum, Path storageDir, String clusterId) {
        Map<String, String> ha = new LinkedHashMap<>();
        ha.put("high-availability.type", "zookeeper");
        ha.put("high-availability.zookeeper.quorum", quorum);
        ha.put("high-availability.storageDir", storageDir.toUri().toString());
        ha.put("high-availability.cluster-id", clusterId);
        // The lost JobManager's leadership ends with its ZooKeeper session: 6 s, not the default 60 s.
        ha.put("high-availability.zookeeper.client.session-timeout", "6000");
        ha.put("high-availability.zookeeper.client.connection-timeout", "5000");
        return withExtra(ha);
    }

    public Path confDir() {
        return workDir.resolve("conf");
    }

    public Path logDir() {
        return workDir.resolve("log");
    }

    public String restUrl() {
        return "http://" + HOST + ":" + restPort;
    }

    /** The {@code config.yaml} entries, in the order written. */
    public Map<String, String> flinkConfiguration() {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("jobmanager.rpc.address", HOST);
        conf.put("jobmanager.rpc.port", Integer.toString(rpcPort));
        conf.put("jobmanager.bind-host", HOST);
        conf.put("taskmanager.bind-host", HOST);
        conf.put("taskmanager.host", HOST);
        conf.put("rest.address", HOST);
        conf.put("rest.bind-address", HOST);
        conf.put("rest.port", Integer.toString(restPort));
        // The shaded job jar carries the model's native libraries: far over the 100 MiB default.
        conf.put("rest.server.max-content-length", Integer.toString(1 << 30));
        conf.put("jobmanager.memory.process.size", jobManagerMemory);
        conf.put("taskmanager.memory.process.size", taskManagerMemory);
        conf.put("taskmanager.memory.managed.size", managedMemory);
        conf.put("taskmanager.memory.task.off-heap.size", taskOffHeapMemory);
        conf.put("taskmanager.numberOfTaskSlots", Integer.toString(slotsPerTaskManager));
        // DJL and ONNX Runtime come from lib/ even when a job jar shades them: a native library
        // loads once per JVM and class loader, so a restarted or resubmitted job must not reload it.
        conf.put("classloader.parent-first-patterns.additional", "[\"ai.djl.\", \"ai.onnxruntime.\"]");
        // A killed TaskManager is noticed in seconds, not after the default 50 s heartbeat timeout.
        conf.put("heartbeat.interval", "1000");
        conf.put("heartbeat.timeout", "6000");
        conf.put("cluster.evenly-spread-out-slots", "true");
        conf.put("web.upload.dir", workDir.resolve("uploads").toString());
        conf.put("io.tmp.dirs", workDir.resolve("tmp").toString());
        conf.putAll(extra);
        return conf;
    }

    private static void require(boolean ok, String name, Object value) {
        if (!ok) {
            throw new IllegalArgumentException("invalid " + name + ": " + value);
        }
    }
}
