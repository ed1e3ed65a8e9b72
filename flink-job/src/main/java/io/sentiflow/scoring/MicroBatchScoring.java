package io.sentiflow.scoring;

import io.sentiflow.connect.DeadLetter;
import io.sentiflow.ingest.ValidText;
import io.sentiflow.schema.ModelUpdate;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.swap.ModelSource;
import io.sentiflow.swap.StoreModelSource;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * Adds the scoring step to a job: validated texts in, {@link ScoredText} out, model versions
 * swapped as {@link ModelUpdate}s arrive. The one entry point of this package for job wiring.
 */
public final class MicroBatchScoring {

    /** The operator's stable uid; changing it orphans the model pointer in savepoints. */
    public static final String UID = "scoring";

    public static final String NAME = "Score texts (micro-batches)";

    /** The dead-letter error class of a text the model failed on every time it was tried. */
    public static final String SCORING_FAILED = "SCORING_FAILED";

    /**
     * Side output of the scoring operator: the texts it could not score, as dead letters with
     * their original bytes and {@link #SCORING_FAILED}; the job sends them to the dead-letter topic.
     */
    public static final OutputTag<DeadLetter> UNSCORABLE = new OutputTag<>("unscorable-texts") {};

    private MicroBatchScoring() {}

    /**
     * Scores {@code texts} with versions from the model store at {@link ScoringConfig#storeUri()}.
     * {@code updates} is broadcast to every parallel instance here; its watermarks are ignored.
     */
    public static SingleOutputStreamOperator<ScoredText> apply(
            DataStream<ValidText> texts, DataStream<ModelUpdate> updates, ScoringConfig config) {
        return apply(texts, updates, config, StoreModelSource.factory());
    }

    /** As {@link #apply(DataStream, DataStream, ScoringConfig)}, with versions from {@code sources}. */
    public static SingleOutputStreamOperator<ScoredText> apply(
            DataStream<ValidText> texts,
            DataStream<ModelUpdate> updates,
            ScoringConfig config,
            ModelSource.Factory sources) {
        return texts.connect(updates.broadcast())
                .transform(NAME, new AvroTypeInfo<>(ScoredText.class), new MicroBatchScoringOperator(config, sources))
                .name(NAME)
                .uid(UID);
    }
}
