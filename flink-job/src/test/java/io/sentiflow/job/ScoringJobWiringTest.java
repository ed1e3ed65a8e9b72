package io.sentiflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.alerts.WebhookOptions;
import io.sentiflow.connect.KafkaConnection;
import java.util.List;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.TimestampsAndWatermarksTransformation;
import org.junit.jupiter.api.Test;

/** The job's graph as wired, without running it: stable uids, and the optional webhook branch. */
class ScoringJobWiringTest {

    @Test
    void wiresEveryOperatorWithItsStableUid() {
        assertThat(uids(new Configuration())).contains(
                "raw-source", "text-validator", "dlq-sink",
                "model-updates-source", "scoring", "scored-sink", "alerts-sink", "window-stats-sink");
    }

    @Test
    void assignsEventTimeOnlyAtTheSourceNeverPerSubtaskAfterIt() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ScoringEndpoints endpoints = ScoringEndpoints.kafka(
                KafkaConnection.of("127.0.0.1:9"), ScoringJobConfig.fromConfiguration(new Configuration()));
        new ScoringJob(endpoints, new Configuration()).wire(env);

        assertThat(env.getTransformations().stream().flatMap(t -> t.getTransitivePredecessors().stream()))
                .noneMatch(t -> t instanceof TimestampsAndWatermarksTransformation);
    }

    @Test
    void attachesTheWebhookOnlyWhenAUrlIsConfigured() {
        assertThat(uids(new Configuration())).doesNotContain("alerts-webhook");

        Configuration withWebhook = new Configuration();
        withWebhook.set(WebhookOptions.URL, "http://127.0.0.1:9/alerts");
        assertThat(uids(withWebhook)).contains("alerts-webhook");
    }

    private static List<String> uids(Configuration config) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ScoringEndpoints endpoints = ScoringEndpoints.kafka(
                KafkaConnection.of("127.0.0.1:9"), ScoringJobConfig.fromConfiguration(config));
        new ScoringJob(endpoints, config).wire(env);
        return env.getTransformations().stream()
                .flatMap(t -> t.getTransitivePredecessors().stream())
                .map(Transformation::getUid)
                .filter(uid -> uid != null)
                .distinct()
                .toList();
    }
}
