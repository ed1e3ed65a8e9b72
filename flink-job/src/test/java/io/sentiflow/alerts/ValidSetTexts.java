package io.sentiflow.alerts;

import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.SentimentPrediction;
import io.sentiflow.schema.TopicPrediction;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Scored texts built from the tweet sentiment valid set, as the scorer would emit them with a
 * perfect model: gold labels become probabilities (gold class 0.9), topics are drawn with the
 * topic valid set's label frequencies from a fixed seed, entities are the cashtags of the text.
 * Deterministic: the same calls give the same stream.
 */
final class ValidSetTexts {

    static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");
    static final String MODEL_VERSION = "test-v1";
    private static final Pattern CASHTAG = Pattern.compile("\\$([A-Za-z][A-Za-z0-9.]{0,9})");
    private static final String[] SENTIMENTS = {"Bearish", "Bullish", "Neutral"};

    record Labeled(String text, int label) {}

    private final List<Labeled> texts;
    private final List<String> topicNames;
    private final int[] topicCounts;

    private ValidSetTexts(List<Labeled> texts, List<String> topicNames, int[] topicCounts) {
        this.texts = texts;
        this.topicNames = topicNames;
        this.topicCounts = topicCounts;
    }

    static ValidSetTexts load() {
        Path dir = dataDir();
        List<Labeled> texts = new ArrayList<>();
        for (CSVRecord r : read(dir.resolve("twitter_financial_news_sentiment/sent_valid.csv"))) {
            texts.add(new Labeled(r.get("text"), Integer.parseInt(r.get("label"))));
        }
        List<String> names = new ArrayList<>();
        for (CSVRecord r : read(dir.resolve("twitter_financial_news_topic/topic_labels.csv"))) {
            names.add(r.get("name"));
        }
        int[] counts = new int[names.size()];
        for (CSVRecord r : read(dir.resolve("twitter_financial_news_topic/topic_valid.csv"))) {
            counts[Integer.parseInt(r.get("label"))]++;
        }
        return new ValidSetTexts(List.copyOf(texts), List.copyOf(names), counts);
    }

    static Path dataDir() {
        String configured = System.getProperty("sentiflow.data.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        Path root = Path.of("").toAbsolutePath();
        while (root.getParent() != null && Files.exists(root.getParent().resolve("pom.xml"))) {
            root = root.getParent();
        }
        return root.resolve("../shared/data").normalize();
    }

    List<Labeled> labeled(Predicate<Labeled> filter) {
        return texts.stream().filter(filter).toList();
    }

    /** The whole valid set {@code passes} times, each pass shuffled, evenly spread over {@code span} from T0. */
    List<ScoredText> calmStream(int passes, Duration span) {
        List<Labeled> order = new ArrayList<>();
        for (int pass = 0; pass < passes; pass++) {
            List<Labeled> shuffled = new ArrayList<>(texts);
            Collections.shuffle(shuffled, new Random(1000 + pass));
            order.addAll(shuffled);
        }
        Random topics = new Random(7);
        long step = span.toMillis() / order.size();
        List<ScoredText> out = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            Labeled t = order.get(i);
            out.add(scored("calm-" + i, t.text(), t.label(), T0.plusMillis(i * step), drawTopic(topics), cashtags(t.text())));
        }
        return out;
    }

    String drawTopic(Random random) {
        int total = java.util.Arrays.stream(topicCounts).sum();
        int pick = random.nextInt(total);
        for (int i = 0; i < topicCounts.length; i++) {
            pick -= topicCounts[i];
            if (pick < 0) {
                return topicNames.get(i);
            }
        }
        throw new IllegalStateException("unreachable");
    }

    static List<String> cashtags(String text) {
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        Matcher m = CASHTAG.matcher(text);
        while (m.find()) {
            tags.add(m.group(1).toUpperCase(java.util.Locale.ROOT));
        }
        return List.copyOf(tags);
    }

    static ScoredText scored(String id, String text, int goldLabel, Instant publishedAt, String topic, List<String> entities) {
        float[] p = {0.05f, 0.05f, 0.05f};
        p[goldLabel] = 0.9f;
        return ScoredText.newBuilder()
                .setId(id)
                .setSource("test")
                .setPublishedAt(publishedAt)
                .setText(text)
                .setTopic(new TopicPrediction(topic, 0, 0.8f))
                .setTopicProbabilities(Map.of(topic, 0.8f))
                .setSentiment(new SentimentPrediction(SENTIMENTS[goldLabel], p[0], p[1], p[2]))
                .setEntities(entities)
                .setModelVersion(MODEL_VERSION)
                .setScoredAt(publishedAt)
                .build();
    }

    private static List<CSVRecord> read(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (set -Dsentiflow.data.dir)", e);
        }
    }
}
