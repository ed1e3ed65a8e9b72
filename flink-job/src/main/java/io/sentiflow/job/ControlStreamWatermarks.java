package io.sentiflow.job;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks for a control stream such as {@code model.updates}: always the maximum. An operator
 * with two inputs forwards the smaller of their watermarks, so a control input without watermarks
 * would hold event time of the data input back forever.
 */
final class ControlStreamWatermarks {

    private ControlStreamWatermarks() {}

    static <T> WatermarkStrategy<T> neverHoldBack() {
        return WatermarkStrategy.forGenerator(context -> new WatermarkGenerator<T>() {
            @Override
            public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.emitWatermark(new Watermark(Long.MAX_VALUE));
            }
        });
    }
}
