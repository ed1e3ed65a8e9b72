package io.sentiflow.bench;

import io.sentiflow.ingest.DeadLetterRouter;
import io.sentiflow.ingest.IngestConfig;
import io.sentiflow.ingest.IngestWatermarks;
import io.sentiflow.job.ScoringEndpoints;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.scoring.ScoringConfig;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Row (c): the same Kafka source, validation and exactly-once Kafka sink as the scoring job, with
 * the micro-batch operator replaced by {@link NaiveScoringFunction} (one model call per record).
 * No model updates, no dead-letter sink, no alerts: only what the naive pattern has.
 */
final class NaiveJob {

    private NaiveJob() {}

    /** Adds the naive job to {@code env}, reading and writing through {@code endpoints}. */
    static void wire(StreamExecutionEnvironment env, ScoringEndpoints endpoints, ReadableConfig conf) {
        ScoringConfig scoring = ScoringConfig.fromConfiguration(conf);
        env.fromSource(endpoints.texts(), IngestWatermarks.strategy(IngestConfig.fromConfiguration(conf)), "raw source")
                .uid("naive-raw-source")
                .process(new DeadLetterRouter())
                .uid("naive-text-validator")
                .name("route dead letters")
                .map(new NaiveScoringFunction(scoring))
                .returns(new AvroTypeInfo<>(ScoredText.class))
                .uid("naive-scoring")
                .name("Score texts (one model call per record)")
                .sinkTo(endpoints.scored())
                .uid("naive-scored-sink")
                .name("scored sink");
    }
}
