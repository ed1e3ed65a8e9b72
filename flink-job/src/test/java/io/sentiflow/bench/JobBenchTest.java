package io.sentiflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sentiflow.demo.DemoTexts;
import io.sentiflow.schema.TextEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobBenchTest {

    @Test
    void rowCountsTextsOverTheSpanOfScoredTimesAndLatencyFromAppendTimes() {
        Map<String, Long> scoredAt = Map.of("x", 1_000L, "y", 1_500L, "z", 3_000L);
        Map<String, Long> appended = Map.of("x", 900L, "y", 1_000L, "z", 1_000L);

        BenchRow row = JobBench.row("b1", "job", 1, 2, scoredAt, appended, 0.3, 1.5);

        assertThat(row.records()).isEqualTo(3);
        assertThat(row.wallSeconds()).isEqualTo(2.0);
        assertThat(row.textsPerSecond()).isEqualTo(1.5);
        assertThat(row.latency()).isEqualTo(new LatencySummary(3, 500, 2000, 2000));
        assertThat(row.cpuMsPerText()).isCloseTo(100.0, within(1e-9));
        assertThat(row.parallelism()).isEqualTo(1);
        assertThat(row.onnxThreads()).isEqualTo(2);
    }

    @Test
    void sustainedLatencyIsToScoredAtAndToWhenTheReaderSawTheRecord() {
        Map<String, SustainedBench.Seen> seen = Map.of(
                "x", new SustainedBench.Seen(1_050, 3_000), "y", new SustainedBench.Seen(1_120, 3_010));
        Map<String, Long> appended = Map.of("x", 1_000L, "y", 1_100L);
        LagTrend lag = new LagTrend(List.of(new LagTrend.Sample(0, 0)), 10);

        SustainedResult result = SustainedBench.result("b1", 1, 0.7, 2, 1.0, seen, appended, lag);

        assertThat(result.toScoredAt()).isEqualTo(new LatencySummary(2, 20, 50, 50));
        assertThat(result.toVisible()).isEqualTo(new LatencySummary(2, 1910, 2000, 2000));
        assertThat(result.sentPerSecond()).isEqualTo(2.0);
        assertThat(result.counts()).isFalse();
    }

    @Test
    void eventsCycleTheTextsWithDistinctIdsWhenMoreAreAskedFor() {
        List<DemoTexts.Text> texts = List.of(new DemoTexts.Text("s-1", "one"), new DemoTexts.Text("s-2", "two"));

        List<TextEvent> events = PipelineBench.events(texts, 5, "w-");

        assertThat(events).extracting(TextEvent::getId)
                .containsExactly("w-s-1", "w-s-2", "w-s-1#1", "w-s-2#1", "w-s-1#2");
        assertThat(events).extracting(TextEvent::getText).containsExactly("one", "two", "one", "two", "one");
    }
}
