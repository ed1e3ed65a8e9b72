package io.sentiflow.it.faults;

import java.time.Duration;
import org.apache.flink.api.common.JobID;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.metrics.MetricNames;
import org.apache.flink.runtime.testutils.CommonTestUtils;
import org.apache.flink.runtime.testutils.InMemoryReporter;

/**
 * The Kafka sinks' committer metrics, summed over every sink and subtask of a job: what waits for
 * its commit ({@code pendingCommittables}) and what failed to commit ({@code failedCommittables},
 * a transaction Kafka no longer had: its records are lost).
 */
final class Committables {

    private static final long POLL_MILLIS = 50;

    private Committables() {}

    static long failed(InMemoryReporter metrics, JobID job) {
        return sum(metrics, job, MetricNames.FAILED_COMMITTABLES);
    }

    /**
     * Waits for the next checkpoint to complete and every transaction it holds to be committed:
     * from then until the next checkpoint completes, no completed checkpoint waits on the broker.
     */
    static void awaitCheckpointCommitted(InMemoryReporter metrics, JobID job, Duration deadline) throws Exception {
        long completed = FaultRuns.jobGauge(metrics, job, "numberOfCompletedCheckpoints");
        CommonTestUtils.waitUntilCondition(
                () -> FaultRuns.jobGauge(metrics, job, "numberOfCompletedCheckpoints") > completed
                        && sum(metrics, job, MetricNames.PENDING_COMMITTABLES) == 0,
                POLL_MILLIS, (int) (deadline.toMillis() / POLL_MILLIS));
    }

    private static long sum(InMemoryReporter metrics, JobID job, String name) {
        return metrics.findMetrics(job, name).values().stream().mapToLong(Committables::value).sum();
    }

    private static long value(Metric metric) {
        if (metric instanceof Counter counter) {
            return counter.getCount();
        }
        return ((Number) ((Gauge<?>) metric).getValue()).longValue();
    }
}
