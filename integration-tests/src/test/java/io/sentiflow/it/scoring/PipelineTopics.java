package io.sentiflow.it.scoring;

import io.sentiflow.job.ScoringJobOptions;
import io.sentiflow.testing.KafkaBrokerExtension;
import org.apache.flink.configuration.Configuration;

/**
 * Fresh topics for one test's scoring job. Tests share one broker, and a cancelled job may leave an
 * open transaction that holds back {@code read_committed} readers of its topics, so no two tests
 * share a topic.
 */
record PipelineTopics(String raw, String scored, String dlq, String updates, String alerts) {

    static PipelineTopics create(KafkaBrokerExtension kafka, String test, int rawPartitions) {
        return new PipelineTopics(
                kafka.createUniqueTopic(test + "-raw", rawPartitions),
                kafka.createUniqueTopic(test + "-scored", 2),
                kafka.createUniqueTopic(test + "-dlq", 1),
                kafka.createUniqueTopic(test + "-updates", 1),
                kafka.createUniqueTopic(test + "-alerts", 1));
    }

    void addTo(Configuration conf) {
        conf.set(ScoringJobOptions.RAW_TOPIC, raw);
        conf.set(ScoringJobOptions.SCORED_TOPIC, scored);
        conf.set(ScoringJobOptions.DLQ_TOPIC, dlq);
        conf.set(ScoringJobOptions.UPDATES_TOPIC, updates);
        conf.set(ScoringJobOptions.ALERTS_TOPIC, alerts);
    }
}
