package io.sentiflow.alerts;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Turns a closed window's tally into {@link WindowStats} with the key and the window's bounds. */
public final class WindowCloser extends ProcessWindowFunction<WindowTally, WindowStats, String, TimeWindow> {

    private static final long serialVersionUID = 1L;

    @Override
    public void process(String key, Context context, Iterable<WindowTally> tallies, Collector<WindowStats> out) {
        TimeWindow window = context.window();
        for (WindowTally tally : tallies) {
            out.collect(WindowStats.of(key, window.getStart(), window.getEnd(), tally));
        }
    }
}
