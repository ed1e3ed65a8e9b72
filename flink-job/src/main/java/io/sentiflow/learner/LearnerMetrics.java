package io.sentiflow.learner;

import io.sentiflow.learning.GateDecision;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * The learning operator's metrics, under group {@code sentiflow}: counters {@code labelsReceived},
 * {@code trainingsRun}, {@code candidatesPublished}, {@code candidatesRefused}; gauges
 * {@code newExamples} and {@code replayBuffer} (sizes as of the last event or round, so they read 0
 * after a restore until the next label), and the last gate's figures {@code lastGatePassed} (1, 0,
 * or -1 before any round), {@code lastGateHoldoutSize}, {@code lastGateHoldoutCurrentAccuracy},
 * {@code lastGateHoldoutCandidateAccuracy} and {@code lastGateWorstRegressionDrop} (the largest
 * accuracy loss on a regression set; negative is a gain). One instance per subtask, task thread only.
 */
public final class LearnerMetrics {

    public static final String GROUP = "sentiflow";
    public static final String LABELS_RECEIVED = "labelsReceived";
    public static final String TRAININGS_RUN = "trainingsRun";
    public static final String CANDIDATES_PUBLISHED = "candidatesPublished";
    public static final String CANDIDATES_REFUSED = "candidatesRefused";
    public static final String NEW_EXAMPLES = "newExamples";
    public static final String REPLAY_BUFFER = "replayBuffer";
    public static final String LAST_GATE_PASSED = "lastGatePassed";

    private final Counter labelsReceived;
    private final Counter trainingsRun;
    private final Counter candidatesPublished;
    private final Counter candidatesRefused;
    private volatile int newExamples;
    private volatile int replayBuffer;
    private volatile GateDecision lastGate;

    public LearnerMetrics(MetricGroup operatorGroup) {
        MetricGroup group = operatorGroup.addGroup(GROUP);
        labelsReceived = group.counter(LABELS_RECEIVED);
        trainingsRun = group.counter(TRAININGS_RUN);
        candidatesPublished = group.counter(CANDIDATES_PUBLISHED);
        candidatesRefused = group.counter(CANDIDATES_REFUSED);
        group.gauge(NEW_EXAMPLES, (Gauge<Integer>) () -> newExamples);
        group.gauge(REPLAY_BUFFER, (Gauge<Integer>) () -> replayBuffer);
        group.gauge(LAST_GATE_PASSED, (Gauge<Integer>) () -> lastGate == null ? -1 : lastGate.passed() ? 1 : 0);
        group.gauge("lastGateHoldoutSize", (Gauge<Integer>) () -> lastGate == null ? 0 : lastGate.holdoutSize());
        group.gauge("lastGateHoldoutCurrentAccuracy",
                (Gauge<Double>) () -> lastGate == null ? Double.NaN : lastGate.currentHoldoutAccuracy());
        group.gauge("lastGateHoldoutCandidateAccuracy",
                (Gauge<Double>) () -> lastGate == null ? Double.NaN : lastGate.candidateHoldoutAccuracy());
        group.gauge("lastGateWorstRegressionDrop", (Gauge<Double>) this::worstRegressionDrop);
    }

    public void labelReceived() {
        labelsReceived.inc();
    }

    public void sizes(int waiting, int replay) {
        newExamples = waiting;
        replayBuffer = replay;
    }

    public void round(GateDecision gate) {
        trainingsRun.inc();
        (gate.passed() ? candidatesPublished : candidatesRefused).inc();
        lastGate = gate;
    }

    private double worstRegressionDrop() {
        GateDecision gate = lastGate;
        if (gate == null) {
            return Double.NaN;
        }
        return gate.currentRegression().entrySet().stream()
                .mapToDouble(e -> e.getValue() - gate.candidateRegression().getOrDefault(e.getKey(), 0.0))
                .max()
                .orElse(0.0);
    }
}
