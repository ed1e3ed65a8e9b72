package io.sentiflow.ingest;

import io.sentiflow.connect.DeadLetter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parts the raw source's output: valid texts go on to scoring with their event time, refused
 * records, bytes untouched, to the {@link #DEAD_LETTERS} side output, and both are counted. The
 * source already validated them ({@link IngestDeserializationSchema}), so nothing here can fail
 * on bad input. Stateless.
 */
public final class DeadLetterRouter extends ProcessFunction<IngestedRecord, ValidText> {

    private static final long serialVersionUID = 1L;

    /** The side output of refused records, bound for the dead-letter topic. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private transient IngestMetrics metrics;

    @Override
    public void open(OpenContext openContext) {
        metrics = new IngestMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(IngestedRecord record, Context ctx, Collector<ValidText> out) {
        if (record.isValid()) {
            metrics.valid();
            out.collect(record.text());
        } else {
            metrics.deadLetter(record.deadLetter().errorClass());
            ctx.output(DEAD_LETTERS, record.deadLetter());
        }
    }
}
