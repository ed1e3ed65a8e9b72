package io.sentiflow.ingest;

import io.sentiflow.connect.DeadLetter;
import io.sentiflow.connect.RawRecord;
import io.sentiflow.schema.codec.RecordCodec;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The validation operator: emits every fit record as a {@link ValidText} and sends every other one,
 * bytes untouched, to the {@link #DEAD_LETTERS} side output. It never throws on bad input, so bad
 * records never fail or restart the job. Stateless; the decision lives in {@link TextValidation}.
 */
public final class TextValidator extends ProcessFunction<RawRecord, ValidText> {

    /** The side output of refused records, bound for the dead-letter topic. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final IngestConfig config;
    private transient TextValidation validation;
    private transient IngestMetrics metrics;

    public TextValidator(IngestConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        validation = new TextValidation(RecordCodec.textEvents(), config.maxRecordBytes());
        metrics = new IngestMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<ValidText> out) {
        TextValidation.Outcome outcome = validation.validate(raw);
        if (outcome instanceof TextValidation.Valid valid) {
            metrics.valid();
            out.collect(valid.text());
        } else if (outcome instanceof TextValidation.Refused refused) {
            metrics.deadLetter(refused.letter().errorClass());
            ctx.output(DEAD_LETTERS, refused.letter());
        }
    }
}
