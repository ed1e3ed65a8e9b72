package io.sentiflow.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code manifest.json} of a version: identity and lineage, the encoder, the label maps of both
 * heads (index = label id), hyper-parameters, training data, metrics on the valid splits, and the
 * sha256 of every other file of the version. Written once, never changed.
 *
 * @param files file name (plain, inside the version directory) to sha256
 * @param metrics for example {@code sentiment.valid.accuracy}, {@code topic.valid.macroF1}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Manifest(
        int formatVersion,
        String version,
        String parentVersion,
        String createdAt,
        VersionStatus status,
        EncoderSpec encoder,
        Architecture architecture,
        List<String> topicLabels,
        List<String> sentimentLabels,
        Map<String, Object> hyperParameters,
        List<DataFile> trainingData,
        Map<String, Double> metrics,
        Map<String, String> files,
        String note) {

    public static final int FORMAT = 1;
    public static final String FILE_NAME = "manifest.json";
    public static final String WEIGHTS_FILE = "heads.bin";

    public Manifest {
        topicLabels = topicLabels == null ? List.of() : List.copyOf(topicLabels);
        sentimentLabels = sentimentLabels == null ? List.of() : List.copyOf(sentimentLabels);
        hyperParameters = hyperParameters == null ? Map.of() : new TreeMap<>(hyperParameters);
        trainingData = trainingData == null ? List.of() : List.copyOf(trainingData);
        metrics = metrics == null ? Map.of() : new TreeMap<>(metrics);
        files = files == null ? Map.of() : new TreeMap<>(files);
    }

    /** A copy with the given version id and file checksums, as the store fills them when publishing. */
    public Manifest withVersionAndFiles(String newVersion, Map<String, String> newFiles) {
        return new Manifest(formatVersion, newVersion, parentVersion, createdAt, status, encoder, architecture,
                topicLabels, sentimentLabels, hyperParameters, trainingData, metrics, newFiles, note);
    }
}
