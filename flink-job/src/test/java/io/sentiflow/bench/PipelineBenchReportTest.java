package io.sentiflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineBenchReportTest {

    private static final LatencySummary LATENCY = new LatencySummary(1000, 10, 20, 30);

    private static PipelineBenchReport report(double encoderSeconds, double jobSeconds, double naiveSeconds) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("records", 1000);
        settings.put("parallelism", 1);
        return new PipelineBenchReport(
                new BenchRow("a", "encoder", 1000, encoderSeconds, LATENCY, 2.0),
                new BenchRow("b", "job", 1000, jobSeconds, LATENCY, 2.5),
                new BenchRow("c", "naive", 1000, naiveSeconds, LATENCY, 5.0),
                settings, List.of("a note"));
    }

    @Test
    void ratiosAreJobThroughputOverEncoderAndOverNaive() {
        PipelineBenchReport report = report(1.0, 1.25, 10.0);

        assertThat(report.jobOverEncoder()).isCloseTo(0.8, within(1e-9));
        assertThat(report.jobOverNaive()).isCloseTo(8.0, within(1e-9));
        assertThat(report.cpuJobOverEncoder()).isCloseTo(0.8, within(1e-9));
        assertThat(report.cpuJobOverNaive()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void unknownCpuTimeIsWrittenAsNullNotNaN() throws Exception {
        PipelineBenchReport report = new PipelineBenchReport(
                new BenchRow("a", "encoder", 10, 1, LATENCY, Double.NaN),
                new BenchRow("b", "job", 10, 1, LATENCY, Double.NaN),
                new BenchRow("c", "naive", 10, 1, LATENCY, Double.NaN), Map.of(), List.of());

        JsonNode json = new ObjectMapper().readTree(report.toJson());

        assertThat(json.get("rows").get("a").get("cpuMsPerText").isNull()).isTrue();
        assertThat(json.get("ratios").get("b/c by cpu").isNull()).isTrue();
    }

    @Test
    void tableHasOneLinePerRowAndSaysWhichTargetIsMissed() {
        String table = report(1.0, 1.25, 10.0).table();

        assertThat(table.lines()).hasSize(7);
        assertThat(table).contains("1000.0", "800.0", "100.0");
        assertThat(table).contains("b/a = 0.80, b/c = 2.00");
        assertThat(table).contains("b/a = 0.80 (target >= 0.85: NOT met)");
        assertThat(table).contains("b/c = 8.00 (target >= 5.00: met)");
    }

    @Test
    void jsonHasSettingsRowsRatiosAndNotes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nested").resolve("pipeline.json");

        report(1.0, 1.0, 4.0).write(file);

        JsonNode json = new ObjectMapper().readTree(Files.readString(file));
        assertThat(json.get("benchmark").asText()).isEqualTo("pipeline");
        assertThat(json.get("settings").fieldNames()).toIterable().containsExactly("records", "parallelism");
        assertThat(json.get("rows").fieldNames()).toIterable().containsExactly("a", "b", "c");
        JsonNode naive = json.get("rows").get("c");
        assertThat(naive.get("name").asText()).isEqualTo("naive");
        assertThat(naive.get("records").asLong()).isEqualTo(1000);
        assertThat(naive.get("textsPerSecond").asDouble()).isEqualTo(250.0);
        assertThat(naive.get("p50Ms").asDouble()).isEqualTo(10.0);
        assertThat(naive.get("p95Ms").asDouble()).isEqualTo(20.0);
        assertThat(naive.get("p99Ms").asDouble()).isEqualTo(30.0);
        assertThat(naive.get("cpuSeconds").asDouble()).isEqualTo(5.0);
        assertThat(naive.get("cpuMsPerText").asDouble()).isEqualTo(5.0);
        assertThat(json.get("ratios").get("b/a").get("value").asDouble()).isEqualTo(1.0);
        assertThat(json.get("ratios").get("b/a").get("target").asDouble()).isEqualTo(0.85);
        assertThat(json.get("ratios").get("b/a").get("met").asBoolean()).isTrue();
        assertThat(json.get("ratios").get("b/c").get("value").asDouble()).isEqualTo(4.0);
        assertThat(json.get("ratios").get("b/c").get("met").asBoolean()).isFalse();
        assertThat(json.get("ratios").get("b/c by cpu").asDouble()).isEqualTo(2.0);
        assertThat(json.get("notes").get(0).asText()).isEqualTo("a note");
    }
}
