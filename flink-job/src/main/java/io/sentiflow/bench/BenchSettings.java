package io.sentiflow.bench;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one {@code bench pipeline} run used, printed and written with its figures.
 *
 * @param commandLine the arguments the command was given
 * @param encoder the served encoder's kind ({@code int8}, {@code fp32})
 * @param encoderFile whose file: the version's own fine-tuned export or the carrier jar's
 * @param onnxThreads ONNX Runtime threads per scoring instance, by parallelism
 * @param limitOnnxThreads threads of rows (0) and (a), which run alone on the machine
 * @param loadAtStart load averages when the run began
 * @param loadAtEnd load averages when it ended
 */
public record BenchSettings(List<String> commandLine, int records, int warmupRecords, String modelVersion,
        String encoder, String encoderFile, int cores, List<Integer> parallelisms, Map<Integer, Integer> onnxThreads,
        int limitOnnxThreads, boolean onnxSpinning, int tokenBudget, int batchSize, long batchTimeoutMs,
        long checkpointIntervalMs, boolean unalignedCheckpoints, double sustainedRateFraction, int sustainedSeconds,
        boolean standalone, String bootstrapServers, List<String> data, LoadAverage loadAtStart, LoadAverage loadAtEnd,
        String startedAt, String finishedAt) {

    public BenchSettings {
        commandLine = List.copyOf(commandLine);
        parallelisms = List.copyOf(parallelisms);
        onnxThreads = Collections.unmodifiableMap(new TreeMap<>(onnxThreads));
        data = List.copyOf(data);
        Objects.requireNonNull(loadAtStart, "loadAtStart");
        Objects.requireNonNull(loadAtEnd, "loadAtEnd");
    }
}
