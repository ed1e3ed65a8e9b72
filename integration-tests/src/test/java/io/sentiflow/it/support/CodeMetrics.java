package io.sentiflow.it.support;

import io.sentiflow.alerts.AlertMetrics;
import io.sentiflow.ingest.IngestMetrics;
import io.sentiflow.learner.LearnerMetrics;
import io.sentiflow.schema.KeyKind;
import io.sentiflow.scoring.ScoringMetrics;
import io.sentiflow.testing.RecordingMetricGroup;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Prometheus names of every metric the jobs' {@code *Metrics} classes register, read off the
 * classes themselves: each is built on a {@link RecordingMetricGroup}, and the metrics they register
 * only when first needed (a version served, a dead-letter or refusal reason, a key that fired, a
 * topic's share) are asked for once. So a renamed constant or group changes these names too. Two
 * counters the alert operators register in their own {@code open()}, under {@link AlertMetrics}'
 * group and names, are registered here the same way.
 */
public final class CodeMetrics {

    private CodeMetrics() {}

    /** Every operator metric name the jobs register, as Flink's Prometheus reporter writes it. */
    public static Set<String> prometheusNames() {
        RecordingMetricGroup group = new RecordingMetricGroup();
        ScoringMetrics scoring = new ScoringMetrics(group, () -> "v1");
        scoring.versionServed("v1");
        scoring.swapRefused("CHECKSUM_MISMATCH");
        new IngestMetrics(group).deadLetter("EMPTY_TEXT");
        AlertMetrics alerts = new AlertMetrics(group);
        alerts.alertFired(KeyKind.ENTITY, "ACME");
        alerts.topicShare("Earnings", 0.5);
        new LearnerMetrics(group);
        // LateTextFilter and AlertKeys.
        group.addGroup(AlertMetrics.GROUP).counter(AlertMetrics.LATE_RECORDS_DROPPED);
        group.addGroup(AlertMetrics.GROUP).counter(AlertMetrics.ENTITIES_DROPPED);
        Set<String> names = new TreeSet<>();
        group.registered().forEach(metric -> names.add(metric.prometheusName()));
        return names;
    }

    /** The name of the gauge that reads 1 for the version serving, labelled {@code version}. */
    public static String versionGauge() {
        RecordingMetricGroup group = new RecordingMetricGroup();
        new ScoringMetrics(group, () -> "v1").versionServed("v1");
        return group.registered().stream().filter(m -> m.name().equals(ScoringMetrics.MODEL_VERSION_ACTIVE))
                .findFirst().orElseThrow().prometheusName();
    }
}
