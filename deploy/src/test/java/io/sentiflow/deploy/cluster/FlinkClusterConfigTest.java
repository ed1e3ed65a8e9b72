package io.sentiflow.deploy.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlinkClusterConfigTest {

    private final FlinkClusterConfig config =
            FlinkClusterConfig.local(Path.of("lib"), Path.of("/tmp/cluster"), 18081, 16123, 4);

    @Test
    void writesLoopbackAddressesPortsSlotsAndMemoryBudgets() {
        assertThat(config.flinkConfiguration())
                .containsEntry("rest.port", "18081")
                .containsEntry("jobmanager.rpc.port", "16123")
                .containsEntry("jobmanager.rpc.address", "127.0.0.1")
                .containsEntry("taskmanager.numberOfTaskSlots", "4")
                .containsEntry("taskmanager.memory.process.size", "1600m")
                .containsEntry("taskmanager.memory.task.off-heap.size", "384m")
                .containsKey("jobmanager.memory.process.size");
        assertThat(config.restUrl()).isEqualTo("http://127.0.0.1:18081");
    }

    @Test
    void loadsDjlAndOnnxRuntimeParentFirstSoNativesLoadOncePerTaskManager() {
        assertThat(config.flinkConfiguration().get("classloader.parent-first-patterns.additional"))
                .contains("ai.djl.").contains("ai.onnxruntime.");
    }

    @Test
    void extraEntriesOverrideDefaults() {
        FlinkClusterConfig tuned = config.withExtra(Map.of("heartbeat.timeout", "9000"));
        assertThat(tuned.flinkConfiguration()).containsEntry("heartbeat.timeout", "9000");
        assertThat(FlinkConfFiles.yaml(tuned.flinkConfiguration())).contains("heartbeat.timeout: 9000\n");
    }

    @Test
    void rejectsSharedPortsAndEmptyClusters() {
        assertThatThrownBy(() -> FlinkClusterConfig.local(Path.of("lib"), Path.of("w"), 8081, 8081, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rpcPort");
        assertThatThrownBy(() -> FlinkClusterConfig.local(Path.of("lib"), Path.of("w"), 8081, 6123, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slotsPerTaskManager");
    }

    @Test
    void zooKeeperHaRecordsLeaderJobsAndCheckpointsOnTheQuorumWithAShortSession() {
        FlinkClusterConfig ha = config.withZooKeeperHa("127.0.0.1:12181", Path.of("/tmp/cluster/ha"), "/it-1");

        assertThat(ha.flinkConfiguration())
                .containsEntry("high-availability.type", "zookeeper")
                .containsEntry("high-availability.zookeeper.quorum", "127.0.0.1:12181")
                .containsEntry("high-availability.storageDir", Path.of("/tmp/cluster/ha").toUri().toString())
                .containsEntry("high-availability.cluster-id", "/it-1")
                .containsEntry("high-availability.zookeeper.client.session-timeout", "6000");
    }
}
