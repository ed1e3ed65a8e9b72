package io.sentiflow.learner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentiflow.learning.LearningSettings;
import io.sentiflow.training.Task;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.junit.jupiter.api.Test;

class LearnerConfigTest {

    @Test
    void defaultsMatchTheIssue() {
        LearnerConfig config = LearnerConfig.fromConfiguration(new Configuration());

        assertThat(config.triggerCount()).isEqualTo(200);
        assertThat(config.triggerInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.holdoutFraction()).isEqualTo(0.2);
        assertThat(config.regressionMargin()).isEqualTo(0.01);
        assertThat(config.lineageMargin()).isEqualTo(0.02);
        assertThat(config.minNewTopicExamples()).isEqualTo(20);
        assertThat(config.storeUri()).isEqualTo("var/models");
        assertThat(config.learningSettings().fineTune()).isEqualTo(LearningSettings.defaults().fineTune());
        assertThat(config.data().train(Task.TOPIC).toString()).endsWith("topic_train.csv");
        assertThat(config.data().valid(Task.SENTIMENT).toString()).endsWith("sent_valid.csv");
    }

    @Test
    void learningSettingsCarryTheConfiguredGateAndEpochs() {
        Configuration conf = new Configuration();
        conf.set(LearnerOptions.HOLDOUT_FRACTION, 0.3);
        conf.set(LearnerOptions.REGRESSION_MARGIN, 0.02);
        conf.set(LearnerOptions.LINEAGE_MARGIN, 0.05);
        conf.set(LearnerOptions.MIN_NEW_TOPIC_EXAMPLES, 5);
        conf.set(LearnerOptions.REPLAY_PER_CLASS, 7);
        conf.set(LearnerOptions.FINE_TUNE_EPOCHS, 2);

        LearningSettings settings = LearnerConfig.fromConfiguration(conf).learningSettings();

        assertThat(settings.holdoutFraction()).isEqualTo(0.3);
        assertThat(settings.regressionMargin()).isEqualTo(0.02);
        assertThat(settings.lineageMargin()).isEqualTo(0.05);
        assertThat(settings.minNewTopicExamples()).isEqualTo(5);
        assertThat(settings.replayPerClass()).isEqualTo(7);
        assertThat(settings.fineTune().maxEpochs()).isEqualTo(2);
        assertThat(settings.fineTune().patience()).isLessThanOrEqualTo(2);
    }

    @Test
    void refusesOutOfRangeValuesNamingTheKey() {
        Configuration conf = new Configuration();
        conf.set(LearnerOptions.TRIGGER_COUNT, 10);
        conf.set(LearnerOptions.TRIGGER_MINIMUM, 11);
        assertThatThrownBy(() -> LearnerConfig.fromConfiguration(conf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sentiflow.learner.trigger-minimum")
                .hasMessageContaining("11");

        Configuration holdout = new Configuration();
        holdout.set(LearnerOptions.HOLDOUT_FRACTION, 1.0);
        assertThatThrownBy(() -> LearnerConfig.fromConfiguration(holdout))
                .hasMessageContaining("sentiflow.learner.holdout-fraction");

        Configuration lineage = new Configuration();
        lineage.set(LearnerOptions.LINEAGE_MARGIN, 0.005);
        assertThatThrownBy(() -> LearnerConfig.fromConfiguration(lineage))
                .hasMessageContaining("sentiflow.learner.lineage-margin")
                .hasMessageContaining("regression margin 0.01");
    }

    @Test
    void jobKeepsCheckpointsOnCancelAndRefusesATransactionTimeoutBelowTheInterval() {
        LearnerJobConfig job = LearnerJobConfig.fromConfiguration(new Configuration());
        assertThat(job.topics().feedback()).isEqualTo("feedback.labels");
        assertThat(job.topics().control()).isEqualTo("learner.control");
        assertThat(job.flinkSettings().get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);

        Configuration conf = new Configuration();
        conf.set(LearnerJobOptions.CHECKPOINT_INTERVAL, Duration.ofMinutes(20));
        assertThatThrownBy(() -> LearnerJobConfig.fromConfiguration(conf))
                .hasMessageContaining("sentiflow.learner.transaction-timeout");
    }
}
