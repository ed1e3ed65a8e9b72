package io.sentiflow.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentiflow.connect.KafkaOptions;
import io.sentiflow.schema.codec.WireFormat;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.junit.jupiter.api.Test;

class ScoringJobConfigTest {

    @Test
    void defaultsToProjectTopicsAndRocksDbWithIncrementalUnalignedCheckpoints() {
        ScoringJobConfig config = ScoringJobConfig.fromConfiguration(new Configuration());

        assertThat(config.topics()).isEqualTo(new ScoringJobConfig.Topics(
                "news.raw", "news.scored", "news.dlq", "model.updates", "alerts", "window.stats"));
        assertThat(config.outputFormats()).isEqualTo(
                new ScoringJobConfig.OutputFormats(WireFormat.AVRO, WireFormat.AVRO, WireFormat.AVRO));
        Configuration flink = config.flinkSettings();
        assertThat(flink.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(flink.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(flink.get(CheckpointingOptions.ENABLE_UNALIGNED)).isTrue();
        assertThat(flink.get(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isEqualTo(Duration.ofSeconds(10));
        assertThat(flink.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).startsWith("file:");
    }

    @Test
    void outputFormatSwitchesEveryOutputTopicAndATopicsOwnKeyOverridesIt() {
        Configuration conf = JobArguments.parse("--sentiflow.job.output-format", "json");
        assertThat(ScoringJobConfig.fromConfiguration(conf).outputFormats())
                .isEqualTo(new ScoringJobConfig.OutputFormats(WireFormat.JSON, WireFormat.JSON, WireFormat.JSON));

        conf.setString("sentiflow.job.alerts-format", "AVRO");
        assertThat(ScoringJobConfig.fromConfiguration(conf).outputFormats())
                .isEqualTo(new ScoringJobConfig.OutputFormats(WireFormat.JSON, WireFormat.AVRO, WireFormat.JSON));

        Configuration scoredOnly = JobArguments.parse("sentiflow.job.scored-format=json");
        assertThat(ScoringJobConfig.fromConfiguration(scoredOnly).outputFormats())
                .isEqualTo(new ScoringJobConfig.OutputFormats(WireFormat.JSON, WireFormat.AVRO, WireFormat.AVRO));

        Configuration statsOnly = JobArguments.parse("sentiflow.job.window-stats-format=json");
        assertThat(ScoringJobConfig.fromConfiguration(statsOnly).outputFormats())
                .isEqualTo(new ScoringJobConfig.OutputFormats(WireFormat.AVRO, WireFormat.AVRO, WireFormat.JSON));
    }

    @Test
    void refusesAnUnknownOutputFormatNamingKeyAndValue() {
        Configuration conf = JobArguments.parse("--sentiflow.job.scored-format", "protobuf");
        assertThatThrownBy(() -> ScoringJobConfig.fromConfiguration(conf))
                .hasMessageContaining("sentiflow.job.scored-format").hasMessageContaining("protobuf");
    }

    @Test
    void refusesTransactionTimeoutAboveBrokerMaximumNamingTheKey() {
        Configuration conf = new Configuration();
        conf.set(ScoringJobOptions.TRANSACTION_TIMEOUT, Duration.ofMinutes(20));
        assertThatThrownBy(() -> ScoringJobConfig.fromConfiguration(conf))
                .hasMessageContaining("sentiflow.job.transaction-timeout");
    }

    @Test
    void refusesTransactionTimeoutShorterThanCheckpointInterval() {
        Configuration conf = new Configuration();
        conf.set(ScoringJobOptions.CHECKPOINT_INTERVAL, Duration.ofMinutes(2));
        conf.set(ScoringJobOptions.TRANSACTION_TIMEOUT, Duration.ofMinutes(1));
        assertThatThrownBy(() -> ScoringJobConfig.fromConfiguration(conf))
                .hasMessageContaining("must exceed the checkpoint interval");
    }

    @Test
    void checkpointsExpireBeforeTheirTransactionsCouldTimeOut() {
        ScoringJobConfig defaults = ScoringJobConfig.fromConfiguration(new Configuration());

        // Half of 10 min less the 10 s interval: expired and restarted from, not completed aborted.
        assertThat(defaults.flinkSettings().get(CheckpointingOptions.CHECKPOINTING_TIMEOUT))
                .isEqualTo(Duration.ofSeconds(295));
        assertThat(defaults.partitionDiscovery()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void refusesACheckpointTimeoutThatOutlastsTheTransactionsNamingTheKey() {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, Duration.ofMinutes(10));
        assertThatThrownBy(() -> ScoringJobConfig.fromConfiguration(conf))
                .hasMessageContaining("execution.checkpointing.timeout")
                .hasMessageContaining("sentiflow.job.transaction-timeout");
    }

    @Test
    void refusesANegativePartitionDiscoveryInterval() {
        Configuration conf = new Configuration();
        conf.set(KafkaOptions.PARTITION_DISCOVERY, Duration.ofSeconds(-1));
        assertThatThrownBy(() -> ScoringJobConfig.fromConfiguration(conf))
                .hasMessageContaining("sentiflow.kafka.partition-discovery");
    }
}
