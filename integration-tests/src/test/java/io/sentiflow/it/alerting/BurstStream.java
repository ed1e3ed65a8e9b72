package io.sentiflow.it.alerting;

import io.sentiflow.schema.TextEvent;
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
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Six hours of the tweet sentiment valid set, shuffled and evenly spread, with a bearish burst of
 * {@value #BURST_TEXTS} texts about {@value #ENTITY} over 25 minutes from three hours in: the
 * stream on which a backlog read over 4 partitions used to raise no alert at all. Deterministic.
 *
 * @param events every text, in order of publication
 * @param burstStart publication time of the first burst text
 * @param burstEnd just after the last burst text
 */
record BurstStream(List<TextEvent> events, Instant burstStart, Instant burstEnd) {

    static final String ENTITY = "ACME";
    static final int BURST_TEXTS = 75;
    static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");
    private static final Duration SPAN = Duration.ofHours(6);
    private static final Duration BURST_EVERY = Duration.ofSeconds(20);
    private static final int BEARISH = 0;
    /**
     * Bearish texts that say so in plain words: a burst of them reads as clearly negative to a
     * small model too (of all bearish valid texts it scored 29 of 75 negative), as a risk desk's
     * real burst would ("downgraded", "cut to Sell", "shares plunge").
     */
    private static final Pattern PLAIN_BEARISH =
            Pattern.compile("(?i)\\b(downgrad\\w*|cuts?|slash\\w*|lower\\w*|plunge\\w*|falls?|fell|drops?|tumbl\\w*|slump\\w*|sinks?|miss\\w*)\\b");

    BurstStream {
        events = List.copyOf(events);
    }

    static BurstStream build() {
        List<CSVRecord> rows = read(dataDir().resolve("twitter_financial_news_sentiment/sent_valid.csv"));
        List<CSVRecord> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(1000));
        long step = SPAN.toMillis() / shuffled.size();
        List<TextEvent> events = new ArrayList<>();
        for (int i = 0; i < shuffled.size(); i++) {
            events.add(event("calm-" + i, shuffled.get(i).get("text"), T0.plusMillis(i * step)));
        }
        Instant burstStart = T0.plus(Duration.ofHours(3));
        List<String> bearish = rows.stream().filter(r -> Integer.parseInt(r.get("label")) == BEARISH)
                .map(r -> r.get("text").replaceAll("\\$[A-Za-z][A-Za-z0-9.]*", "").strip())
                .filter(text -> PLAIN_BEARISH.matcher(text).find()).toList();
        for (int i = 0; i < BURST_TEXTS; i++) {
            // Half a step off the background's grid, so no burst text shares a millisecond with another.
            Instant at = burstStart.plus(BURST_EVERY.multipliedBy(i)).plusMillis(step / 2);
            events.add(event("burst-" + i, "$" + ENTITY + " " + bearish.get(i), at));
        }
        events.sort(Comparator.comparing(TextEvent::getPublishedAt));
        return new BurstStream(events, burstStart, burstStart.plus(BURST_EVERY.multipliedBy(BURST_TEXTS)));
    }

    private static TextEvent event(String id, String text, Instant publishedAt) {
        return TextEvent.newBuilder().setId(id).setSource("replay").setText(text).setPublishedAt(publishedAt).build();
    }

    private static Path dataDir() {
        return Path.of(System.getProperty("sentiflow.data.dir", "../shared/data"));
    }

    private static List<CSVRecord> read(Path csv) {
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
    }
}
