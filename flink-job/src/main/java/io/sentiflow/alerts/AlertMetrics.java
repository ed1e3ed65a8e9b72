package io.sentiflow.alerts;

import io.sentiflow.schema.KeyKind;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * Metrics of the spike detector, under group {@code sentiflow}: counters {@value #ALERTS_FIRED}
 * and {@value #ALERTS_RESOLVED}, gauge {@value #KEYS_TRACKED} (keys this subtask has created
 * state for since it started; keys whose state expired and came back count again), and per topic
 * {@code sentiflow.topic.<name>.negativeShare}, the negative share of the topic's last closed
 * window (at most {@value #MAX_TOPIC_GAUGES} topics; the model knows 20). Per key that fired
 * (at most {@value #MAX_KEY_METRICS} per subtask, so entities cannot explode a metric system):
 * {@code sentiflow.kind.<KIND>.key.<key>.alertsFired}, and for entities
 * {@code sentiflow.entity.<key>.negativeShare}, the share of its last closed window. Key-value
 * groups, so a Prometheus reporter makes labels of them ({@code kind}, {@code key}, {@code entity},
 * {@code topic}). The late-record filter reports {@value #LATE_RECORDS_DROPPED} and the key fan-out
 * {@value #ENTITIES_DROPPED} under the same group. Used by one task thread; gauges read volatile fields.
 */
public final class AlertMetrics {

    public static final String GROUP = "sentiflow";
    public static final String ALERTS_FIRED = "alertsFired";
    public static final String ALERTS_RESOLVED = "alertsResolved";
    public static final String KEYS_TRACKED = "keysTracked";
    public static final String LATE_RECORDS_DROPPED = "lateRecordsDropped";
    /** Entities of texts not made alert keys: over the per-text cap, or too long (counter). */
    public static final String ENTITIES_DROPPED = "entitiesDropped";
    public static final String TOPIC_GROUP = "topic";
    public static final String NEGATIVE_SHARE = "negativeShare";
    public static final String KIND_GROUP = "kind";
    public static final String KEY_GROUP = "key";
    public static final String ENTITY_GROUP = "entity";
    public static final int MAX_TOPIC_GAUGES = 32;
    public static final int MAX_KEY_METRICS = 200;

    private final MetricGroup group;
    private final Counter alertsFired;
    private final Counter alertsResolved;
    private final ValueGauge keysTracked = new ValueGauge();
    private final Map<String, ValueGauge> topicShares = new HashMap<>();
    private final Map<String, Counter> firedByKey = new HashMap<>();
    private final Map<String, ValueGauge> entityShares = new HashMap<>();

    public AlertMetrics(MetricGroup operatorGroup) {
        this.group = operatorGroup.addGroup(GROUP);
        this.alertsFired = group.counter(ALERTS_FIRED);
        this.alertsResolved = group.counter(ALERTS_RESOLVED);
        group.gauge(KEYS_TRACKED, keysTracked);
    }

    /** Counts a FIRING, in total and for its key (the key's first FIRING registers its metrics). */
    public void alertFired(KeyKind kind, String key) {
        alertsFired.inc();
        String stateKey = KeyedText.stateKey(kind, key);
        Counter counter = firedByKey.get(stateKey);
        if (counter == null && firedByKey.size() < MAX_KEY_METRICS) {
            counter = group.addGroup(KIND_GROUP, kind.name()).addGroup(KEY_GROUP, key).counter(ALERTS_FIRED);
            firedByKey.put(stateKey, counter);
            if (kind == KeyKind.ENTITY) {
                ValueGauge share = new ValueGauge();
                group.addGroup(ENTITY_GROUP, key).gauge(NEGATIVE_SHARE, share);
                entityShares.put(key, share);
            }
        }
        if (counter != null) {
            counter.inc();
        }
    }

    /** Records an entity's latest window share, if it has fired (and so has a gauge). */
    public void entityShare(String entity, double share) {
        ValueGauge gauge = entityShares.get(entity);
        if (gauge != null) {
            gauge.value = share;
        }
    }

    public void alertResolved() {
        alertsResolved.inc();
    }

    public void keyTracked() {
        keysTracked.value = keysTracked.value + 1;
    }

    /** Records a topic's latest window share; registers its gauge the first time. */
    public void topicShare(String topic, double share) {
        ValueGauge gauge = topicShares.get(topic);
        if (gauge == null) {
            if (topicShares.size() >= MAX_TOPIC_GAUGES) {
                return;
            }
            gauge = new ValueGauge();
            group.addGroup(TOPIC_GROUP, topic).gauge(NEGATIVE_SHARE, gauge);
            topicShares.put(topic, gauge);
        }
        gauge.value = share;
    }

    /** A gauge the task thread writes and the metrics reporter reads. */
    private static final class ValueGauge implements Gauge<Double> {
        private volatile double value;

        @Override
        public Double getValue() {
            return value;
        }
    }
}
