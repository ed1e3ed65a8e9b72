package io.sentiflow.alerts;

import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.SentimentAlert;
import io.sentiflow.schema.WindowStatistics;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;

/**
 * Entry point of spike alerts: attaches the detector to a stream of scored texts and returns
 * the alerts, one FIRING and one RESOLVED per episode of a topic or entity whose negative share
 * rose well above its own normal level.
 *
 * <p>Data flow: late texts to a side output -&gt; one record per topic and entity (capped) -&gt;
 * sliding event-time windows counting distinct and negative texts -&gt; per-key baseline and
 * episode state machine, which also emits every window it judged ({@link AlertStreams#statistics()}). The input must carry event time already: in the scoring job the Kafka
 * source makes it per partition ({@link io.sentiflow.ingest.IngestWatermarks}). Assigning it again
 * here, per subtask, would let one partition's backlog make every other partition's texts late.
 * Every operator has a name and a stable uid ({@code alerts-*}), so savepoints survive code
 * changes. The caller adds the sink.
 */
public final class SpikeAlerts {

    private SpikeAlerts() {}

    /**
     * The detector's output streams.
     *
     * @param alerts FIRING and RESOLVED alerts
     * @param lateTexts texts that arrived after all their windows had closed
     * @param statistics every closed window of every key as the detector judged it
     */
    public record AlertStreams(DataStream<SentimentAlert> alerts, DataStream<ScoredText> lateTexts,
            DataStream<WindowStatistics> statistics) {}

    /** Attaches the detector and returns its alerts; late texts are counted in {@code lateRecordsDropped}. */
    public static DataStream<SentimentAlert> attach(DataStream<ScoredText> scored, AlertConfig config) {
        return build(scored, config).alerts();
    }

    /** Attaches the detector and returns its alerts, its late texts and its judged windows. */
    public static AlertStreams build(DataStream<ScoredText> scored, AlertConfig config) {
        Assembly assembly = assemble(scored, config);
        return new AlertStreams(assembly.alerts(), assembly.lateTexts(),
                assembly.alerts().getSideOutput(SpikeDetector.STATISTICS));
    }

    /**
     * Also sends the alerts to a webhook (best effort, never blocking; see {@link WebhookSink}).
     * Call it only when {@link WebhookConfig#fromConfiguration} found a URL.
     */
    public static void attachWebhook(DataStream<SentimentAlert> alerts, WebhookConfig config) {
        alerts.sinkTo(new WebhookSink(config)).name("Alerts: webhook").uid("alerts-webhook");
    }

    /** Every stream of the detector, the closed windows included, for tests of the counting. */
    record Assembly(SingleOutputStreamOperator<SentimentAlert> alerts, DataStream<ScoredText> lateTexts,
            DataStream<WindowStats> windows) {}

    static Assembly assemble(DataStream<ScoredText> scored, AlertConfig config) {
        SingleOutputStreamOperator<ScoredText> onTime = scored
                .process(new LateTextFilter(config), new AvroTypeInfo<>(ScoredText.class))
                .name("Alerts: route late texts").uid("alerts-late-filter");
        DataStream<WindowStats> windows = windows(onTime, config);
        SingleOutputStreamOperator<SentimentAlert> alerts = windows
                .keyBy(stats -> KeyedText.stateKey(stats.keyKind(), stats.key()), Types.STRING)
                .process(new SpikeDetector(config), new AvroTypeInfo<>(SentimentAlert.class))
                .name("Alerts: spike detector").uid("alerts-spike-detector");
        return new Assembly(alerts, onTime.getSideOutput(LateTextFilter.LATE), windows);
    }

    /** The closed windows of every key, before the detector. */
    private static SingleOutputStreamOperator<WindowStats> windows(DataStream<ScoredText> onTime, AlertConfig config) {
        return onTime
                .flatMap(new AlertKeys(config), TypeInformation.of(KeyedText.class))
                .name("Alerts: topic and entity keys").uid("alerts-keys")
                .keyBy(KeyedText::stateKey, Types.STRING)
                .window(SlidingEventTimeWindows.of(config.windowSize(), config.windowSlide()))
                .aggregate(new WindowCounter(config), new WindowCloser(),
                        TypeInformation.of(WindowTally.class), TypeInformation.of(WindowTally.class),
                        TypeInformation.of(WindowStats.class))
                .name("Alerts: sliding window counts").uid("alerts-window-counts");
    }
}
