package io.sentiflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class IngestConfigTest {

    @Test
    void defaultsToOneMebibyteLimit() {
        IngestConfig config = IngestConfig.defaults();
        assertThat(config.maxRecordBytes()).isEqualTo(1024 * 1024);
        assertThat(config.outOfOrderness()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.idleness()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void readsKeys() {
        Configuration conf = new Configuration();
        conf.setString("sentiflow.ingest.max-record-bytes", "2kb");
        conf.setString("sentiflow.ingest.out-of-orderness", "1 min");
        conf.setString("sentiflow.ingest.idleness", "2 s");
        IngestConfig config = IngestConfig.fromConfiguration(conf);
        assertThat(config).isEqualTo(new IngestConfig(2048, Duration.ofMinutes(1), Duration.ofSeconds(2)));
    }

    @Test
    void refusesZeroIdlenessNamingTheKey() {
        assertThatThrownBy(() -> new IngestConfig(10, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("sentiflow.ingest.idleness");
    }
}
