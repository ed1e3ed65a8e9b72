package io.sentiflow.deploy.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsConfigTest {

    @Test
    void defaultsHoldTheNineProjectTopics() {
        TopicsConfig config = TopicsConfig.defaults();

        assertThat(config.all())
                .extracting(TopicSpec::name, TopicSpec::partitions)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("news.raw", 4),
                        org.assertj.core.groups.Tuple.tuple("news.scored", 4),
                        org.assertj.core.groups.Tuple.tuple("news.dlq", 1),
                        org.assertj.core.groups.Tuple.tuple("alerts", 1),
                        org.assertj.core.groups.Tuple.tuple("model.updates", 1),
                        org.assertj.core.groups.Tuple.tuple("feedback.labels", 1),
                        org.assertj.core.groups.Tuple.tuple("learner.control", 1),
                        org.assertj.core.groups.Tuple.tuple("window.stats", 1),
                        org.assertj.core.groups.Tuple.tuple("alerts.verdicts", 1));
        assertThat(config.spec(TopicRole.MODEL_UPDATES).configs()).containsEntry("cleanup.policy", "compact");
        assertThat(config.spec(TopicRole.WINDOW_STATS).configs()).containsEntry("retention.ms", "172800000");
        assertThat(config.spec(TopicRole.ALERT_VERDICTS).configs()).containsEntry("cleanup.policy", "compact");
    }

    @Test
    void renamesAndRepartitionsOneRole() {
        TopicsConfig config = TopicsConfig.defaults()
                .withName(TopicRole.NEWS_RAW, "my.news")
                .withPartitions(TopicRole.NEWS_RAW, 8);

        assertThat(config.spec(TopicRole.NEWS_RAW)).isEqualTo(TopicSpec.of("my.news", 8));
        assertThat(config.roleOf("my.news")).contains(TopicRole.NEWS_RAW);
        assertThat(config.roleOf("news.raw")).isEmpty();
    }

    @Test
    void rejectsIllegalNamesZeroPartitionsAndDuplicates() {
        TopicsConfig defaults = TopicsConfig.defaults();

        assertThatThrownBy(() -> defaults.withName(TopicRole.ALERTS, "bad name"))
                .hasMessageContaining("not a legal Kafka topic name");
        assertThatThrownBy(() -> defaults.withPartitions(TopicRole.ALERTS, 0))
                .hasMessageContaining("at least 1 partition");
        assertThatThrownBy(() -> defaults.withName(TopicRole.ALERTS, "news.raw"))
                .hasMessageContaining("used for two roles");
    }
}
