package io.sentiflow.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

/**
 * An operator's metric group that keeps what is registered under it, for tests of a {@code *Metrics}
 * class: each metric with the logical path Flink gives it (named groups, and the keys of key-value
 * groups, whose values become variables) and its name as Flink's Prometheus reporter writes it for
 * an operator. Not thread safe.
 */
public final class RecordingMetricGroup extends UnregisteredMetricsGroup {

    /** The Prometheus reporter's prefix of every operator metric, before the logical path. */
    public static final String OPERATOR_PREFIX = "flink_taskmanager_job_task_operator_";

    /**
     * One registered metric.
     *
     * @param path the logical path of its group below the operator
     * @param labels the variables of its key-value groups (Prometheus labels)
     * @param name its name
     */
    public record Registered(List<String> path, Map<String, String> labels, String name, Metric metric) {

        public String prometheusName() {
            List<String> parts = new ArrayList<>(path);
            parts.add(name);
            return OPERATOR_PREFIX + String.join("_", parts);
        }
    }

    private final List<String> path;
    private final Map<String, String> labels;
    private final List<Registered> registered;

    public RecordingMetricGroup() {
        this(List.of(), Map.of(), new ArrayList<>());
    }

    private RecordingMetricGroup(List<String> path, Map<String, String> labels, List<Registered> registered) {
        this.path = path;
        this.labels = labels;
        this.registered = registered;
    }

    /** Everything registered under this group and the groups made from it, in order. */
    public List<Registered> registered() {
        return List.copyOf(registered);
    }

    /** The metric named {@code name} with these labels, or null. */
    public Metric find(String name, Map<String, String> withLabels) {
        return registered.stream().filter(r -> r.name().equals(name) && r.labels().equals(withLabels))
                .map(Registered::metric).findFirst().orElse(null);
    }

    @Override
    public Counter counter(String name) {
        return counter(name, new SimpleCounter());
    }

    @Override
    public <C extends Counter> C counter(String name, C counter) {
        return record(name, counter);
    }

    @Override
    public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
        return record(name, gauge);
    }

    @Override
    public <H extends Histogram> H histogram(String name, H histogram) {
        return record(name, histogram);
    }

    @Override
    public <M extends Meter> M meter(String name, M meter) {
        return record(name, meter);
    }

    @Override
    public MetricGroup addGroup(String name) {
        List<String> child = new ArrayList<>(path);
        child.add(name);
        return new RecordingMetricGroup(List.copyOf(child), labels, registered);
    }

    @Override
    public MetricGroup addGroup(String key, String value) {
        List<String> child = new ArrayList<>(path);
        child.add(key);
        Map<String, String> childLabels = new LinkedHashMap<>(labels);
        childLabels.put(key, value);
        return new RecordingMetricGroup(List.copyOf(child), Map.copyOf(childLabels), registered);
    }

    private <M extends Metric> M record(String name, M metric) {
        registered.add(new Registered(path, labels, name, metric));
        return metric;
    }
}
