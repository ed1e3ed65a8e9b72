package io.sentiflow.alerts;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Counts one key's window incrementally into a {@link WindowTally}. */
public final class WindowCounter implements AggregateFunction<KeyedText, WindowTally, WindowTally> {

    private static final long serialVersionUID = 1L;

    private final int evidenceSize;

    public WindowCounter(AlertConfig config) {
        this.evidenceSize = config.evidenceSize();
    }

    @Override
    public WindowTally createAccumulator() {
        return WindowTally.empty();
    }

    @Override
    public WindowTally add(KeyedText value, WindowTally accumulator) {
        return accumulator.add(value, evidenceSize);
    }

    @Override
    public WindowTally getResult(WindowTally accumulator) {
        return accumulator;
    }

    @Override
    public WindowTally merge(WindowTally a, WindowTally b) {
        return a.merge(b, evidenceSize);
    }
}
