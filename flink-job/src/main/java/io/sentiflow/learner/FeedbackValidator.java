package io.sentiflow.learner;

import io.sentiflow.connect.DeadLetter;
import io.sentiflow.connect.RawRecord;
import io.sentiflow.ingest.IngestMetrics;
import io.sentiflow.schema.LabeledText;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.store.ModelStore;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The feedback validation operator: emits every fit label and sends every other record, bytes
 * untouched, to the {@link #DEAD_LETTERS} side output with its coordinates and reason. Never throws
 * on bad input. The sentiment classes are read once, at open, from the store's promoted version.
 * Metrics as {@link IngestMetrics} ({@code validRecords}, {@code dlqRecords} by reason).
 */
public final class FeedbackValidator extends ProcessFunction<RawRecord, LabeledText> {

    /** The side output of refused records, bound for the dead-letter topic. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("feedback-dead-letters") {};

    private final String storeUri;
    private transient FeedbackValidation validation;
    private transient IngestMetrics metrics;

    public FeedbackValidator(String storeUri) {
        this.storeUri = Objects.requireNonNull(storeUri, "storeUri");
    }

    @Override
    public void open(OpenContext openContext) {
        ModelStore store = ModelStore.open(storeUri);
        String promoted = store.promotedVersion().orElseThrow(() -> new IllegalStateException(
                "model store " + storeUri + " has no promoted version: train one (sentiflow train)"));
        List<String> sentiments = store.manifest(promoted).sentimentLabels();
        validation = new FeedbackValidation(RecordCodec.labeledTexts(), sentiments);
        metrics = new IngestMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<LabeledText> out) {
        FeedbackValidation.Outcome outcome = validation.validate(raw);
        if (outcome instanceof FeedbackValidation.Valid valid) {
            metrics.valid();
            out.collect(valid.label());
        } else if (outcome instanceof FeedbackValidation.Refused refused) {
            metrics.deadLetter(refused.letter().errorClass());
            ctx.output(DEAD_LETTERS, refused.letter());
        }
    }
}
