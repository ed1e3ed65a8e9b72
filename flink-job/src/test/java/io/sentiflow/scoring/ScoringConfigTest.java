package io.sentiflow.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentiflow.model.ServingSettings;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class ScoringConfigTest {

    @Test
    void takesTheMeasuredDefaultsWhenNothingIsSet() {
        ScoringConfig config = ScoringConfig.fromConfiguration(new Configuration());

        assertThat(config.batchSize()).isEqualTo(256);
        assertThat(config.batchTimeout()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.onnxThreads()).isZero();
        assertThat(config.onnxSpinning()).isFalse();
        assertThat(config.tokenBudget()).isEqualTo(512);
        assertThat(config.storeUri()).isEqualTo("var/models");
    }

    @Test
    void readsEveryKey() {
        Configuration conf = new Configuration();
        conf.setString("sentiflow.scoring.batch-size", "8");
        conf.setString("sentiflow.scoring.batch-timeout", "250 ms");
        conf.setString("sentiflow.scoring.onnx-threads", "2");
        conf.setString("sentiflow.scoring.onnx-spinning", "true");
        conf.setString("sentiflow.scoring.token-budget", "1024");
        conf.setString("sentiflow.model.store", "/data/models");

        ScoringConfig config = ScoringConfig.fromConfiguration(conf);

        assertThat(config).isEqualTo(new ScoringConfig("/data/models", 8, Duration.ofMillis(250), 2, true, 1024));
        assertThat(config.servingFor(1, 2)).isEqualTo(new ServingSettings(2, true, 1024));
    }

    @Test
    void rejectsABatchSizeOutOfRangeNamingKeyAndValue() {
        Configuration conf = new Configuration();
        conf.setString("sentiflow.scoring.batch-size", "0");

        assertThatThrownBy(() -> ScoringConfig.fromConfiguration(conf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sentiflow.scoring.batch-size")
                .hasMessageContaining("was 0");
    }

    @Test
    void rejectsAZeroTimeoutAndNegativeThreads() {
        assertThatThrownBy(() -> new ScoringConfig("s", 32, Duration.ZERO, 0))
                .hasMessageContaining("sentiflow.scoring.batch-timeout");
        assertThatThrownBy(() -> new ScoringConfig("s", 32, Duration.ofMillis(5), -1))
                .hasMessageContaining("sentiflow.scoring.onnx-threads");
    }

    @Test
    void rejectsATokenBudgetBelowOneFullLengthText() {
        assertThatThrownBy(() -> new ScoringConfig("s", 32, Duration.ofMillis(5), 0, false, 63))
                .hasMessageContaining("sentiflow.scoring.token-budget");
    }

    @Test
    void splitsTheCoresAmongParallelInstancesWhenThreadsAreAutomatic() {
        ScoringConfig auto = new ScoringConfig("s", 32, Duration.ofMillis(50), 0);

        assertThat(auto.onnxThreadsFor(1, 2)).isEqualTo(2);
        assertThat(auto.onnxThreadsFor(2, 2)).isEqualTo(1);
        assertThat(auto.onnxThreadsFor(4, 2)).isEqualTo(1);
        assertThat(auto.withStoreUri("x").onnxThreadsFor(4, 16)).isEqualTo(4);
        assertThat(new ScoringConfig("s", 32, Duration.ofMillis(50), 3).onnxThreadsFor(4, 2)).isEqualTo(3);
    }
}
