package io.sentiflow.alerts;

import io.sentiflow.schema.ScoredText;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends texts too late for every window they belong to (each window already closed by the
 * watermark) to the {@link #LATE} side output and counts them in
 * {@value AlertMetrics#LATE_RECORDS_DROPPED}, instead of letting the window operator drop them
 * silently. Texts late for some windows but not all are passed on and counted in the open ones.
 */
public final class LateTextFilter extends ProcessFunction<ScoredText, ScoredText> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LateTextFilter.class);

    /** Texts that arrived after all their windows closed. */
    public static final OutputTag<ScoredText> LATE =
            new OutputTag<>("alerts-late-texts", new AvroTypeInfo<>(ScoredText.class));

    private final long sizeMs;
    private final long slideMs;
    private transient Counter lateRecordsDropped;

    public LateTextFilter(AlertConfig config) {
        this.sizeMs = config.windowSizeMs();
        this.slideMs = config.windowSlideMs();
    }

    @Override
    public void open(OpenContext openContext) {
        lateRecordsDropped = getRuntimeContext().getMetricGroup()
                .addGroup(AlertMetrics.GROUP).counter(AlertMetrics.LATE_RECORDS_DROPPED);
    }

    /** Whether a text of this timestamp is too late for all its windows under this watermark. */
    public static boolean isLate(long timestamp, long watermark, long sizeMs, long slideMs) {
        long lastWindowEnd = Math.floorDiv(timestamp, slideMs) * slideMs + sizeMs;
        // Flink's window operator drops an element when its last window's max timestamp is at or behind the watermark.
        return lastWindowEnd - 1 <= watermark;
    }

    @Override
    public void processElement(ScoredText text, Context ctx, Collector<ScoredText> out) {
        long watermark = ctx.timerService().currentWatermark();
        if (isLate(ctx.timestamp(), watermark, sizeMs, slideMs)) {
            lateRecordsDropped.inc();
            LOG.debug("Text {} published at {} arrived after watermark {}", text.getId(), ctx.timestamp(), watermark);
            ctx.output(LATE, text);
        } else {
            out.collect(text);
        }
    }
}
