package io.sentiflow.learner;

import io.sentiflow.learning.LabeledExample;
import io.sentiflow.learning.LearningOutcome;
import io.sentiflow.schema.LabeledText;
import io.sentiflow.schema.LearnerCommand;
import io.sentiflow.schema.LearnerCommandType;
import io.sentiflow.schema.ModelUpdate;
import io.sentiflow.store.VersionStatus;
import io.sentiflow.training.Task;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The learning operator, on one key with parallelism 1. It encodes each label once on arrival and
 * keeps it, with its encoder output, in RocksDB state until a round uses it; beside it the replay
 * buffer (a random sample of the training CSVs, taken once, then fed by published feedback). A round runs at
 * {@code trigger-count} waiting labels, on the interval timer with at least {@code trigger-minimum},
 * or on a {@code TRAIN_NOW} command; it publishes a candidate through the learning library and emits
 * a {@link ModelUpdate} when the gate passed.
 *
 * <p>A round runs synchronously inside one call, and clears the labels it used, records the new
 * parent and emits the update in that same call, so all of it lands in the same checkpoint as the
 * update's Kafka transaction. A restore before that checkpoint replays the same labels into the same
 * round; the learner's idempotence finds the version already published and the update is sent again,
 * into a transaction that is the only one ever committed. While a round trains, the operator takes
 * no input and checkpoints wait.
 */
public final class FeedbackLearner extends KeyedCoProcessFunction<String, LabeledText, LearnerCommand, ModelUpdate> {

    /** The single key both inputs are keyed by. */
    public static final String KEY = "learner";

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackLearner.class);

    private final LearnerConfig config;
    private transient MapState<String, StoredExample> waiting;
    private transient MapState<String, StoredExample> replay;
    private transient ValueState<LearnerProgress> progress;
    private transient LearnerResources resources;
    private transient LearnerMetrics metrics;

    public FeedbackLearner(LearnerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        TypeInformation<StoredExample> example = TypeInformation.of(StoredExample.class);
        waiting = getRuntimeContext().getMapState(new MapStateDescriptor<>("waiting-labels", Types.STRING, example));
        replay = getRuntimeContext().getMapState(new MapStateDescriptor<>("replay-buffer", Types.STRING, example));
        progress = getRuntimeContext().getState(
                new ValueStateDescriptor<>("learner-progress", TypeInformation.of(LearnerProgress.class)));
        metrics = new LearnerMetrics(getRuntimeContext().getMetricGroup());
        resources = LearnerResources.open(config);
    }

    @Override
    public void processElement1(LabeledText label, Context ctx, Collector<ModelUpdate> out) throws Exception {
        metrics.labelReceived();
        LearnerProgress p = initialise(current());
        LabeledExample example = new LabeledExample(label.getId(), Task.valueOf(label.getTask().name()),
                label.getLabel(), resources.encode(label.getText()));
        boolean fresh = !waiting.contains(example.id());
        waiting.put(example.id(), StoredExample.of(example, p.nextSequence()));
        p = p.afterLabel(fresh);
        if (p.waiting() >= config.triggerCount()) {
            p = round(p, "count: " + p.waiting() + " labels", ctx.timerService(), out);
        } else if (p.timerAt() == 0) {
            p = arm(p, ctx.timerService());
        }
        save(p);
    }

    @Override
    public void processElement2(LearnerCommand command, Context ctx, Collector<ModelUpdate> out) throws Exception {
        LearnerProgress p = current();
        if (command.getCommand() != LearnerCommandType.TRAIN_NOW) {
            return;
        }
        if (p.waiting() == 0) {
            LOG.info("TRAIN_NOW {} from {}: no labels waiting, nothing to learn", command.getId(),
                    command.getRequestedBy());
            return;
        }
        save(round(p, "TRAIN_NOW " + command.getId(), ctx.timerService(), out));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ModelUpdate> out) throws Exception {
        LearnerProgress p = current();
        if (timestamp != p.timerAt()) {
            return; // a timer a round already replaced
        }
        p = p.withTimerAt(0);
        p = p.waiting() >= config.triggerMinimum()
                ? round(p, "interval: " + p.waiting() + " labels", ctx.timerService(), out)
                : arm(p, ctx.timerService());
        save(p);
    }

    /** One learning round on every waiting label; returns the bookkeeping after it. */
    private LearnerProgress round(LearnerProgress p, String trigger, TimerService timers, Collector<ModelUpdate> out)
            throws Exception {
        List<StoredExample> used = ReplayBuffer.inArrivalOrder(waiting.values());
        String parent = ParentChoice.choose(p.parent(), resources.promotedVersion(),
                version -> Optional.ofNullable(resources.store().manifest(version).parentVersion()));
        LOG.info("Learning round ({}) on {}: {} new labels, {} replay examples", trigger, parent, used.size(),
                p.replaySize());
        LearningOutcome outcome;
        try {
            resources.requireSameEncoder(parent);
            outcome = resources.learner().learn(parent, examples(used), examples(replay.values()),
                    resources.regression(), line -> LOG.info("learner: {}", line));
        } catch (IllegalArgumentException unusable) {
            LOG.warn("Learning round ({}) skipped; its labels keep waiting: {}", trigger, unusable.getMessage());
            return arm(p, timers);
        }
        metrics.round(outcome.gate());
        List<String> newTopics = outcome.gate().newTopics();
        List<String> known = resources.store().manifest(parent).topicLabels();
        Set<String> keep = used.stream().filter(e -> WaitingTopics.isWaiting(e, known, newTopics))
                .map(StoredExample::id).collect(Collectors.toSet());
        boolean published = outcome.gate().passed() && outcome.status() == VersionStatus.PUBLISHED;
        if (published) {
            out.collect(ModelUpdates.of(outcome, resources.store().manifest(outcome.version())));
            joinReplay(used, keep);
            LOG.info("Published {} (parent {}{}): {}", outcome.version(), parent,
                    outcome.alreadyInStore() ? ", found in the store from an earlier run of this round" : "",
                    outcome.gate().reason());
        } else {
            LOG.warn("Refused candidate {} (parent {}), kept in the store for inspection; its {} labels are dropped: {}",
                    outcome.version(), parent, used.size() - keep.size(), outcome.gate().reason());
        }
        for (StoredExample example : used) {
            if (!keep.contains(example.id())) {
                waiting.remove(example.id());
            }
        }
        LearnerProgress after = p.afterRound(published ? outcome.version() : parent, keep.size(), count(replay.keys()));
        return arm(after, timers);
    }

    /** Published feedback joins the replay buffer; each task keeps its newest {@link LearnerResources#replayBudget}. */
    private void joinReplay(List<StoredExample> used, Set<String> keep) throws Exception {
        for (StoredExample example : used) {
            if (!keep.contains(example.id())) {
                replay.put(example.id(), example);
            }
        }
        List<StoredExample> all = new ArrayList<>();
        replay.values().forEach(all::add);
        Map<Task, Integer> budget = new EnumMap<>(Task.class);
        for (Task task : Task.values()) {
            budget.put(task, resources.replayBudget(task));
        }
        for (String id : ReplayBuffer.overflow(all, budget)) {
            replay.remove(id);
        }
    }

    /**
     * Once in the operator's life, with its first label: samples the replay buffer from the training
     * data and records the promoted version as the first round's parent, so that a restore repeats
     * the round on that parent even if the crashed run promoted its candidate (see {@link ParentChoice}).
     */
    private LearnerProgress initialise(LearnerProgress p) throws Exception {
        if (p.replayReady()) {
            return p;
        }
        List<LabeledExample> initial = resources.initialReplay();
        long sequence = p.nextSequence();
        for (LabeledExample example : initial) {
            replay.put(example.id(), StoredExample.of(example, sequence++));
        }
        String parent = resources.promotedVersion();
        LOG.info("Replay buffer sampled from the training data: {} examples; first parent {}", initial.size(), parent);
        return p.initialised(sequence, initial.size(), parent);
    }

    /** (Re)starts the interval timer when labels wait, cancelling the one registered. */
    private LearnerProgress arm(LearnerProgress p, TimerService timers) {
        if (p.timerAt() != 0) {
            timers.deleteProcessingTimeTimer(p.timerAt());
        }
        if (p.waiting() == 0) {
            return p.withTimerAt(0);
        }
        long at = timers.currentProcessingTime() + config.triggerInterval().toMillis();
        timers.registerProcessingTimeTimer(at);
        return p.withTimerAt(at);
    }

    private LearnerProgress current() throws IOException {
        LearnerProgress p = progress.value();
        return p == null ? LearnerProgress.initial() : p;
    }

    private void save(LearnerProgress p) throws IOException {
        progress.update(p);
        metrics.sizes(p.waiting(), p.replaySize());
    }

    private static List<LabeledExample> examples(Iterable<StoredExample> stored) {
        return ReplayBuffer.inArrivalOrder(stored).stream().map(StoredExample::toExample).toList();
    }

    private static int count(Iterable<String> keys) {
        int n = 0;
        for (String ignored : keys) {
            n++;
        }
        return n;
    }

    @Override
    public void close() throws Exception {
        if (resources != null) {
            resources.close();
        }
    }
}
