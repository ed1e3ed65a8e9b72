package io.sentiflow.desk;

import java.util.List;
import java.util.Map;

/** What the desk's JSON API returns: immutable records, written by Jackson as they are. */
public final class DeskViews {

    private DeskViews() {}

    /**
     * Whether the desk reaches Kafka.
     *
     * @param since when it last changed, epoch milliseconds (0: not checked yet)
     * @param problem why not, or null
     */
    public record KafkaView(boolean up, long since, String problem) {}

    /** A key in the ranking, with the analysts' verdicts on its alerts. */
    public record RankedKey(String kind, String key, WindowPoint latest, List<double[]> spark, int useful, int noise) {}

    /** An alert episode in the list, with the verdicts on it. */
    public record EpisodeRow(Episode episode, int useful, int noise) {}

    /**
     * Everything the page's overview shows; pushed to the page whenever it changes.
     *
     * @param newestWindowEnd end of the newest window of any key (event time), or null before the first
     * @param undecodable records per topic that could not be decoded (and were skipped)
     * @param missingTopics topics the desk reads that do not exist
     */
    public record Overview(long generatedAt, KafkaView kafka, ModelLog.Status model, double scoredPerSecond,
            double deadLettersPerSecond, Long newestWindowEnd, int keysTracked, List<RankedKey> ranking,
            List<EpisodeRow> alerts, Map<String, Long> undecodable, List<String> missingTopics) {}

    /** One key's chart: its windows, its episodes, its latest texts. */
    public record KeyDetail(String kind, String key, List<WindowPoint> points, List<Episode> episodes,
            List<TextView> recent, int useful, int noise) {}

    /**
     * One evidence text of an alert.
     *
     * @param text the scored record, or null when the desk has not read it (older than its look-back)
     * @param words the words that weighed most, or null with {@code wordsNote} saying why not
     */
    public record EvidenceView(AlertView.Evidence named, TextView text, WordWeights words, String wordsNote) {}

    /** One alert with its evidence. */
    public record AlertDetail(Episode episode, List<EvidenceView> evidence, int useful, int noise) {}
}
