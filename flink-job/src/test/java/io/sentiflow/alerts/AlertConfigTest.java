package io.sentiflow.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class AlertConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        AlertConfig config = AlertConfig.defaults();

        assertThat(config.windowSize()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.windowSlide()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.minVolume()).isEqualTo(20);
        assertThat(config.shareFloor()).isEqualTo(0.3);
        assertThat(config.zThreshold()).isEqualTo(3.0);
        assertThat(config.consecutiveWindows()).isEqualTo(2);
        assertThat(config.baselineHistory()).isEqualTo(Duration.ofHours(24));
        assertThat(config.evidenceSize()).isEqualTo(5);
    }

    @Test
    void readsKeysFromConfiguration() {
        Configuration conf = new Configuration();
        conf.setString("sentiflow.alerts.window.size", "5 min");
        conf.setString("sentiflow.alerts.min-volume", "50");

        AlertConfig config = AlertConfig.fromConfiguration(conf);

        assertThat(config.windowSize()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.minVolume()).isEqualTo(50);
    }

    @Test
    void rejectsASlideThatDoesNotDivideTheWindowNamingTheKey() {
        Configuration conf = new Configuration();
        conf.set(AlertOptions.WINDOW_SLIDE, Duration.ofMinutes(3));

        assertThatThrownBy(() -> AlertConfig.fromConfiguration(conf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sentiflow.alerts.window.slide");
    }

    @Test
    void rejectsSharesOutsideZeroToOneNamingKeyAndValue() {
        Configuration conf = new Configuration();
        conf.set(AlertOptions.SHARE_FLOOR, 1.5);

        assertThatThrownBy(() -> AlertConfig.fromConfiguration(conf))
                .hasMessageContaining("sentiflow.alerts.share-floor = 1.5");
    }

    @Test
    void rejectsMoreEvidenceThanTheContractAllows() {
        Configuration conf = new Configuration();
        conf.set(AlertOptions.EVIDENCE_SIZE, 6);

        assertThatThrownBy(() -> AlertConfig.fromConfiguration(conf)).hasMessageContaining("evidence-size");
    }
}
