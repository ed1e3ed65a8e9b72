package io.sentiflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class IngestConfigTest {

    @Test
    void defaultsToOneMebibyteOneMinuteOfOrderAndTenYearsOfPast() {
        IngestConfig config = IngestConfig.defaults();
        assertThat(config.maxRecordBytes()).isEqualTo(1024 * 1024);
        assertThat(config.outOfOrderness()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.idleness()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.maxFuture()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.maxPast()).isEqualTo(Duration.ofDays(3650));
    }

    @Test
    void readsKeys() {
        Configuration conf = new Configuration();
        conf.setString("sentiflow.ingest.max-record-bytes", "2kb");
        conf.setString("sentiflow.ingest.out-of-orderness", "2 min");
        conf.setString("sentiflow.ingest.idleness", "2 s");
        conf.setString("sentiflow.ingest.max-future", "30 s");
        conf.setString("sentiflow.ingest.max-past", "7 d");
        assertThat(IngestConfig.fromConfiguration(conf)).isEqualTo(new IngestConfig(2048, Duration.ofMinutes(2),
                Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofDays(7)));
    }

    @Test
    void readsTheDetectorsFormerKeysForLatenessAndIdleness() {
        Configuration conf = new Configuration();
        conf.setString("sentiflow.alerts.allowed-lateness", "3 min");
        conf.setString("sentiflow.alerts.idle-timeout", "45 s");
        IngestConfig config = IngestConfig.fromConfiguration(conf);
        assertThat(config.outOfOrderness()).isEqualTo(Duration.ofMinutes(3));
        assertThat(config.idleness()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void refusesZeroIdlenessNamingTheKey() {
        assertThatThrownBy(() -> new IngestConfig(10, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("sentiflow.ingest.idleness");
    }

    @Test
    void refusesAFutureWindowWiderThanTheOutOfOrderness() {
        Configuration conf = new Configuration();
        conf.setString("sentiflow.ingest.max-future", "5 min");
        assertThatThrownBy(() -> IngestConfig.fromConfiguration(conf))
                .hasMessageContaining("sentiflow.ingest.max-future")
                .hasMessageContaining("sentiflow.ingest.out-of-orderness");
    }
}
