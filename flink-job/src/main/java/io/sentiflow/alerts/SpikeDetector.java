package io.sentiflow.alerts;

import io.sentiflow.schema.KeyKind;
import io.sentiflow.schema.SentimentAlert;
import io.sentiflow.schema.WindowStatistics;
import java.io.IOException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keyed operator around {@link SpikeLogic}: keeps each key's {@link KeyState} in keyed
 * state with a TTL (RocksDB-compatible: one value per key), and sets an event-time timer while
 * an episode is open so that it resolves even when the key's texts stop altogether. Every window
 * it takes also goes, as judged, to the side output {@link #STATISTICS}.
 */
public final class SpikeDetector extends KeyedProcessFunction<String, WindowStats, SentimentAlert> {

    /** Every window taken, with the baseline and z it was judged by and the key's state after it. */
    public static final OutputTag<WindowStatistics> STATISTICS =
            new OutputTag<>("window-statistics", new AvroTypeInfo<>(WindowStatistics.class));

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SpikeDetector.class);

    private final AlertConfig config;
    private final SpikeLogic logic;
    private transient ValueState<KeyState> keyState;
    private transient AlertMetrics metrics;

    public SpikeDetector(AlertConfig config) {
        this.config = config;
        this.logic = new SpikeLogic(config);
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<KeyState> descriptor =
                new ValueStateDescriptor<>("alerts-key-state", TypeInformation.of(KeyState.class));
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(config.stateTtl())
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        keyState = getRuntimeContext().getState(descriptor);
        metrics = new AlertMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(WindowStats stats, Context ctx, Collector<SentimentAlert> out) throws IOException {
        KeyState current = keyState.value();
        if (current == null) {
            current = KeyState.fresh();
            metrics.keyTracked();
        }
        SpikeLogic.Outcome outcome = logic.onWindow(current, stats, ctx.timerService().currentProcessingTime());
        ctx.output(STATISTICS, outcome.statistics());
        finish(outcome, ctx, out);
        if (stats.keyKind() == KeyKind.TOPIC) {
            metrics.topicShare(stats.key(), stats.share());
        } else {
            metrics.entityShare(stats.key(), stats.share());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SentimentAlert> out) throws IOException {
        KeyState current = keyState.value();
        if (current == null) {
            return;
        }
        finish(logic.onQuiet(current, ctx.getCurrentKey(), timestamp, ctx.timerService().currentProcessingTime()),
                ctx, out);
    }

    private void finish(SpikeLogic.Outcome outcome, Context ctx, Collector<SentimentAlert> out) throws IOException {
        keyState.update(outcome.state());
        if (outcome.resolveCheckTime() != EpisodeState.NONE) {
            ctx.timerService().registerEventTimeTimer(outcome.resolveCheckTime());
        }
        SentimentAlert alert = outcome.alert();
        if (alert == null) {
            return;
        }
        LOG.debug("{} {} {} {} share {} z {}", alert.getState(), alert.getSeverity(), alert.getKeyKind(),
                alert.getKey(), alert.getNegativeShare(), alert.getZScore());
        switch (alert.getState()) {
            case FIRING -> metrics.alertFired(alert.getKeyKind(), alert.getKey());
            case RESOLVED -> metrics.alertResolved();
        }
        out.collect(alert);
    }
}
