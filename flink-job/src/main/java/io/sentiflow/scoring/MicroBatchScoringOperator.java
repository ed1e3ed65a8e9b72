package io.sentiflow.scoring;

import io.sentiflow.connect.DeadLetter;
import io.sentiflow.ingest.ValidText;
import io.sentiflow.model.ScoringModel;
import io.sentiflow.model.ServingSettings;
import io.sentiflow.schema.ModelUpdate;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.store.ModelRejectedException;
import io.sentiflow.swap.ModelLease;
import io.sentiflow.swap.ModelPointer;
import io.sentiflow.swap.ModelSource;
import io.sentiflow.swap.ModelSwapper;
import io.sentiflow.swap.ModelWarmup;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedMultiInput;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Scores validated texts (input 1) in micro-batches with the current model version, and swaps
 * versions announced on input 2 (model updates, broadcast to every instance).
 *
 * <p>Batching: a batch is scored when it holds {@link ScoringConfig#batchSize()} texts, when its
 * first text has waited {@link ScoringConfig#batchTimeout()}, before a checkpoint barrier (so no
 * text waits in an unsnapshotted buffer and the operator needs no buffer state), when input 1
 * goes idle and at end of input. Output keeps input order and each input's timestamp. Watermarks
 * from input 1 are held while a batch is open and emitted right after it, so scored records are
 * never late; input 2 is a control stream whose watermarks are ignored, so a quiet update topic
 * cannot stall event time downstream.
 *
 * <p>A text the model fails on every time is isolated by {@link BatchScorer} and goes, with its
 * original record, to the {@link MicroBatchScoring#UNSCORABLE} side output; the rest of its batch
 * is scored once.
 *
 * <p>Hot swap: only the pointer of the active version (and of one still loading) is in broadcast
 * state; see {@link ModelSwapper} for the loading, refusal and closing rules. On a fresh start
 * the store's promoted version scores; on restore the version recorded in state.
 *
 * <p>Runs on the task's mailbox thread; owns its {@link ModelSwapper} and through it every model,
 * closed in {@link #close()}.
 */
public final class MicroBatchScoringOperator extends AbstractStreamOperator<ScoredText>
        implements TwoInputStreamOperator<ValidText, ModelUpdate, ScoredText>, BoundedMultiInput {

    private static final long serialVersionUID = 1L;

    /** Broadcast state: {@link #ACTIVE} and, while one loads, {@link #PENDING} version pointers. */
    static final MapStateDescriptor<String, ModelPointer> MODEL_POINTERS =
            new MapStateDescriptor<>("sentiflow-model-pointers", Types.STRING, TypeInformation.of(ModelPointer.class));

    static final String ACTIVE = "active";
    static final String PENDING = "pending";

    /** Refusals that are not the store's (warm-up, I/O): the metric tag. */
    static final String LOAD_FAILED = "LOAD_FAILED";

    private final ScoringConfig config;
    private final ModelSource.Factory sources;

    private transient List<Pending> batch;
    private transient long batchSequence;
    private transient ScheduledFuture<?> batchTimer;
    private transient Watermark heldWatermark;
    private transient BroadcastState<String, ModelPointer> pointers;
    private transient ModelPointer restoredActive;
    private transient ModelPointer restoredPending;
    private transient volatile ModelSwapper<ScoringModel> swapper;
    private transient ScoringMetrics metrics;

    public MicroBatchScoringOperator(ScoringConfig config, ModelSource.Factory sources) {
        this.config = Objects.requireNonNull(config, "config");
        this.sources = Objects.requireNonNull(sources, "sources");
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        pointers = context.getOperatorStateStore().getBroadcastState(MODEL_POINTERS);
        if (context.isRestored()) {
            restoredActive = pointers.get(ACTIVE);
            restoredPending = pointers.get(PENDING);
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        batch = new ArrayList<>(config.batchSize());
        metrics = new ScoringMetrics(getMetricGroup(), this::activeVersion);
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        ServingSettings serving = config.servingFor(
                getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks(),
                Runtime.getRuntime().availableProcessors());
        ModelSource source = sources.open(config.storeUri(), serving);
        ModelSwapper.Loader<ScoringModel> loader = pointer -> ModelWarmup.check(source.load(pointer), pointer);
        ModelSwapper.Listener listener = new SwapMetrics(metrics);
        String loaderThread = "sentiflow-model-loader-" + subtask;
        if (restoredActive != null) {
            swapper = startRestored(source, loader, listener, loaderThread);
        } else {
            swapper = ModelSwapper.start(promoted(source), loader, listener, loaderThread);
        }
        LOG.info("Subtask {} scores with model version {}: {} ONNX threads, spinning {}, sub-batches of {} tokens,"
                        + " micro-batches of {} texts or {}", subtask, swapper.activePointer().version(),
                serving.intraOpThreads(), serving.allowSpinning(), serving.tokenBudget(), config.batchSize(),
                config.batchTimeout());
        metrics.versionServed(swapper.activePointer().version());
        if (restoredPending != null) {
            swapper.request(restoredPending);
        }
    }

    /** The version recorded in state; if it cannot load any more, the promoted one, with a warning. */
    private ModelSwapper<ScoringModel> startRestored(ModelSource source, ModelSwapper.Loader<ScoringModel> loader,
            ModelSwapper.Listener listener, String loaderThread) throws Exception {
        try {
            return ModelSwapper.start(restoredActive, loader, listener, loaderThread);
        } catch (Exception e) {
            LOG.warn("Cannot reload model version {} recorded in state; starting with the promoted version",
                    restoredActive.version(), e);
            return ModelSwapper.start(promoted(source), loader, listener, loaderThread);
        }
    }

    private ModelPointer promoted(ModelSource source) {
        return source.promoted().orElseThrow(() -> new IllegalStateException("model store "
                + config.storeUri() + " has no promoted version: train one (sentiflow train)"
                + " or promote one (sentiflow models promote V)"));
    }

    @Override
    public void processElement1(StreamRecord<ValidText> element) throws Exception {
        batch.add(new Pending(element.getValue(), element.hasTimestamp(), element.getTimestamp()));
        if (batch.size() == 1) {
            startBatchTimer();
        }
        if (batch.size() >= config.batchSize()) {
            scoreBatch();
        }
    }

    private void startBatchTimer() {
        long sequence = batchSequence;
        long deadline = getProcessingTimeService().getCurrentProcessingTime() + config.batchTimeout().toMillis();
        batchTimer = getProcessingTimeService().registerTimer(deadline, time -> {
            // A timer already queued when its batch filled up must not cut the next one short.
            if (sequence == batchSequence) {
                scoreBatch();
            }
        });
    }

    @Override
    public void processElement2(StreamRecord<ModelUpdate> element) {
        swapper.request(ModelPointer.of(element.getValue()));
    }

    @Override
    public void processWatermark1(Watermark mark) throws Exception {
        if (batch.isEmpty()) {
            processWatermark(mark);
        } else {
            heldWatermark = mark;
        }
    }

    @Override
    public void processWatermark2(Watermark mark) {
        // Model updates carry no event time for the scored stream.
    }

    @Override
    protected void processWatermarkStatus(WatermarkStatus status, int index) throws Exception {
        if (index == 0) {
            if (status.isIdle()) {
                scoreBatch();
            }
            processWatermarkStatus(status);
        }
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        scoreBatch();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        pointers.clear();
        pointers.put(ACTIVE, swapper.activePointer());
        Optional<ModelPointer> pending = swapper.pendingPointer();
        if (pending.isPresent()) {
            pointers.put(PENDING, pending.get());
        }
    }

    @Override
    public void endInput(int inputId) throws Exception {
        if (inputId == 1) {
            scoreBatch();
        }
    }

    @Override
    public void finish() throws Exception {
        scoreBatch();
        super.finish();
    }

    @Override
    public void close() throws Exception {
        try {
            if (swapper != null) {
                swapper.close();
            }
        } finally {
            super.close();
        }
    }

    /** Scores and emits the open batch, if any, then any watermark it held back. */
    private void scoreBatch() throws Exception {
        if (!batch.isEmpty()) {
            batchSequence++;
            if (batchTimer != null) {
                batchTimer.cancel(false);
                batchTimer = null;
            }
            scoreAndEmit();
            batch.clear();
        }
        if (heldWatermark != null) {
            Watermark mark = heldWatermark;
            heldWatermark = null;
            processWatermark(mark);
        }
    }

    private void scoreAndEmit() {
        List<ValidText> texts = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            texts.add(pending.text());
        }
        long scoredAt = getProcessingTimeService().getCurrentProcessingTime();
        BatchScorer.ScoredBatch scored;
        try (ModelLease<ScoringModel> lease = swapper.acquire()) {
            scored = BatchScorer.score(lease.model(), texts, scoredAt);
        }
        metrics.batchScored(texts.size(), scored.distinctTexts(), scored.inferenceNanos(), scored.unscorableTexts());
        for (int i = 0; i < batch.size(); i++) {
            Pending pending = batch.get(i);
            if (scored.results().get(i) instanceof BatchScorer.Scored result) {
                metrics.latency(scoredAt, pending.text().publishedAt());
                output.collect(pending.stamp(result.record()));
            } else if (scored.results().get(i) instanceof BatchScorer.Unscorable unscorable) {
                output.collect(MicroBatchScoring.UNSCORABLE, pending.stamp(deadLetter(pending.text(), unscorable)));
            }
        }
    }

    private DeadLetter deadLetter(ValidText text, BatchScorer.Unscorable unscorable) {
        LOG.warn("Text {} at {} goes to the dead-letter topic: model version {} failed on it: {}",
                text.id(), text.origin().coordinates(), activeVersion(), unscorable.error());
        return new DeadLetter(text.origin(), MicroBatchScoring.SCORING_FAILED, "model version " + activeVersion()
                + " failed on this text every time it was tried: " + unscorable.error());
    }

    private String activeVersion() {
        ModelSwapper<ScoringModel> current = swapper;
        return current == null ? "" : current.activePointer().version();
    }

    /** Package-private view for harness tests. */
    ScoringMetrics metrics() {
        return metrics;
    }

    /** A text waiting in the open batch, with its stream timestamp. */
    private record Pending(ValidText text, boolean hasTimestamp, long timestamp) {

        /** {@code value} as a stream record with this text's timestamp. */
        <T> StreamRecord<T> stamp(T value) {
            return hasTimestamp ? new StreamRecord<>(value, timestamp) : new StreamRecord<>(value);
        }
    }

    /** Counts swaps and refusals; refusals are tagged with the store's reason. */
    private record SwapMetrics(ScoringMetrics metrics) implements ModelSwapper.Listener {
        @Override
        public void swapped(ModelPointer from, ModelPointer to) {
            metrics.versionServed(to.version());
            metrics.swapCompleted();
        }

        @Override
        public void refused(ModelPointer pointer, Exception reason) {
            metrics.swapRefused(reason instanceof ModelRejectedException rejected
                    ? rejected.reason().name() : LOAD_FAILED);
        }
    }
}
