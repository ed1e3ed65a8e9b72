package io.sentiflow.ingest;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The validator's metrics, under group {@code sentiflow}: {@code validRecords}, and
 * {@code dlqRecords} per reason in the key-value subgroup {@code reason} (so reporters tag it,
 * metric path {@code sentiflow.reason.<REASON>.dlqRecords}). One instance per subtask, used from
 * its task thread only.
 */
public final class IngestMetrics {

    public static final String GROUP = "sentiflow";
    public static final String VALID_RECORDS = "validRecords";
    public static final String DLQ_RECORDS = "dlqRecords";
    public static final String REASON = "reason";

    private final MetricGroup group;
    private final Counter validRecords;
    private final Map<String, Counter> dlqByReason = new HashMap<>();

    public IngestMetrics(MetricGroup operatorGroup) {
        this.group = operatorGroup.addGroup(GROUP);
        this.validRecords = group.counter(VALID_RECORDS);
    }

    public void valid() {
        validRecords.inc();
    }

    /** Counts one dead letter; the counter of a reason is registered when first needed. */
    public void deadLetter(String reason) {
        dlqByReason.computeIfAbsent(reason, r -> group.addGroup(REASON, r).counter(DLQ_RECORDS)).inc();
    }
}
