package io.sentiflow.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.testing.RecordingMetricGroup;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.metrics.Gauge;
import org.junit.jupiter.api.Test;

class ScoringMetricsTest {

    @Test
    void theServingVersionReadsOneAsANumberWithItsVersionAsLabelAndASwappedOutOneZero() {
        RecordingMetricGroup operator = new RecordingMetricGroup();
        AtomicReference<String> active = new AtomicReference<>("v1");
        ScoringMetrics metrics = new ScoringMetrics(operator, active::get);

        metrics.versionServed("v1");
        metrics.versionServed("v1");
        assertThat(value(operator, "v1")).isEqualTo(1);

        active.set("v2");
        metrics.versionServed("v2");

        assertThat(value(operator, "v1")).isEqualTo(0);
        assertThat(value(operator, "v2")).isEqualTo(1);
        assertThat(operator.registered()).filteredOn(r -> r.name().equals(ScoringMetrics.MODEL_VERSION_ACTIVE))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.prometheusName())
                        .isEqualTo("flink_taskmanager_job_task_operator_sentiflow_version_modelVersionActive"));
    }

    private static Object value(RecordingMetricGroup operator, String version) {
        return ((Gauge<?>) operator.find(ScoringMetrics.MODEL_VERSION_ACTIVE, Map.of(ScoringMetrics.VERSION, version)))
                .getValue();
    }
}
