package io.sentiflow.job;

import io.sentiflow.alerts.AlertConfig;
import io.sentiflow.alerts.SpikeAlerts;
import io.sentiflow.alerts.WebhookConfig;
import io.sentiflow.connect.DeadLetter;
import io.sentiflow.connect.KafkaOptions;
import io.sentiflow.ingest.DeadLetterRouter;
import io.sentiflow.ingest.IngestConfig;
import io.sentiflow.ingest.IngestWatermarks;
import io.sentiflow.ingest.IngestedRecord;
import io.sentiflow.ingest.ValidText;
import io.sentiflow.schema.ModelUpdate;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.SentimentAlert;
import io.sentiflow.scoring.MicroBatchScoring;
import io.sentiflow.scoring.ScoringConfig;
import io.sentiflow.swap.ModelSource;
import io.sentiflow.swap.StoreModelSource;
import java.util.Objects;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The scoring job: {@code news.raw} (validated in the source, event time per Kafka partition) →
 * refused records → {@code news.dlq} → batched multi-head scoring with hot-swapped models from
 * {@code model.updates} (texts the model fails on → {@code news.dlq}) → {@code news.scored} → spike
 * alerts → {@code alerts}, and every alert window as judged → {@code window.stats}. It only wires; sources and sinks are injected through {@link
 * ScoringEndpoints}, so tests can pass their own.
 *
 * <p>Event time is assigned once, at the source; no operator after it assigns timestamps again,
 * so a backlog read faster from one partition than another never makes the others late.
 *
 * <p>Every operator has a stable {@code uid}: renaming one loses its state on restore.
 */
public final class ScoringJob {

    public static final String NAME = "sentiflow-scoring";

    private final ScoringEndpoints endpoints;
    private final ReadableConfig config;
    private final ModelSource.Factory models;

    /**
     * @param config every {@code sentiflow.*} key (ingest, scoring, alerts); unset keys take defaults.
     *     The source in {@code endpoints} must validate with the same ingest keys.
     */
    public ScoringJob(ScoringEndpoints endpoints, ReadableConfig config) {
        this(endpoints, config, StoreModelSource.factory());
    }

    /**
     * As {@link #ScoringJob(ScoringEndpoints, ReadableConfig)}, with model versions from {@code
     * models} instead of the store: the seam through which fault tests make scoring fail.
     */
    public ScoringJob(ScoringEndpoints endpoints, ReadableConfig config, ModelSource.Factory models) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.config = Objects.requireNonNull(config, "config");
        this.models = Objects.requireNonNull(models, "models");
    }

    /** Adds the job's operators to {@code env}; run it with {@code env.execute(NAME)}. */
    public void wire(StreamExecutionEnvironment env) {
        IngestConfig ingest = IngestConfig.fromConfiguration(config);

        DataStream<IngestedRecord> raw = env
                .fromSource(endpoints.texts(), IngestWatermarks.strategy(ingest), "news.raw source")
                .uid("raw-source");
        SingleOutputStreamOperator<ValidText> texts = raw
                .process(new DeadLetterRouter())
                .uid("text-validator")
                .name("route dead letters");

        DataStream<ModelUpdate> updates = env
                .fromSource(endpoints.modelUpdates(), ControlStreamWatermarks.neverHoldBack(), "model.updates source")
                .uid("model-updates-source");
        SingleOutputStreamOperator<ScoredText> scored =
                MicroBatchScoring.apply(texts, updates, ScoringConfig.fromConfiguration(config), models);
        scored.sinkTo(endpoints.scored())
                .uid("scored-sink")
                .name("news.scored sink");
        DataStream<DeadLetter> deadLetters = texts.getSideOutput(DeadLetterRouter.DEAD_LETTERS)
                .union(scored.getSideOutput(MicroBatchScoring.UNSCORABLE));
        deadLetters.sinkTo(endpoints.deadLetters())
                .uid("dlq-sink")
                .name("news.dlq sink");

        SpikeAlerts.AlertStreams detector = SpikeAlerts.build(scored, AlertConfig.fromConfiguration(config));
        DataStream<SentimentAlert> alerts = detector.alerts();
        alerts.sinkTo(endpoints.alerts())
                .uid("alerts-sink")
                .name("alerts sink");
        detector.statistics().sinkTo(endpoints.windowStatistics())
                .uid("window-stats-sink")
                .name("window.stats sink");
        WebhookConfig.fromConfiguration(config).ifPresent(webhook -> SpikeAlerts.attachWebhook(alerts, webhook));
    }

    /**
     * Entry point for {@code flink run}: arguments are {@code --key value} pairs of any
     * {@code sentiflow.*} key, for example {@code --sentiflow.kafka.bootstrap-servers
     * broker:9092 --sentiflow.model.store s3://models}.
     */
    public static void main(String[] args) throws Exception {
        Configuration conf = JobArguments.parse(args);
        ScoringJobConfig job = ScoringJobConfig.fromConfiguration(conf);
        Configuration flink = job.flinkSettings();
        flink.addAll(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        run(env, ScoringEndpoints.kafka(KafkaOptions.connection(conf), job), conf);
    }

    /** Wires the job into {@code env} and runs it until it ends (bounded) or is cancelled. */
    public static JobExecutionResult run(
            StreamExecutionEnvironment env, ScoringEndpoints endpoints, ReadableConfig conf)
            throws Exception {
        new ScoringJob(endpoints, conf).wire(env);
        return env.execute(NAME);
    }
}
