package io.sentiflow.cli;

import io.sentiflow.schema.AlertState;
import io.sentiflow.schema.EvidenceText;
import io.sentiflow.schema.SentimentAlert;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes a {@link SentimentAlert} the way a person on a risk desk reads it: what, how bad, when,
 * how far above normal, and the texts behind it. Stateless and thread-safe.
 *
 * <pre>
 * FIRING   CRITICAL  entity TSLA
 *   window   2026-01-05 03:01 to 03:11 UTC, 20 texts
 *   negative 100% vs a normal 17% (z 6.2)
 *   evidence 0.90 burst-TSLA-10  $TSLA Children's Place downgraded ...
 *   models   v7   alert abac54c6-...   sent 2026-01-05 03:11:02 UTC
 * </pre>
 */
public final class AlertFormatter {

    private static final DateTimeFormatter DAY_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int SNIPPET_WIDTH = 100;

    /** The alert on several lines, without a trailing newline. */
    public String format(SentimentAlert alert) {
        StringBuilder out = new StringBuilder();
        boolean firing = alert.getState() == AlertState.FIRING;
        out.append(String.format(Locale.ROOT, "%-8s %-9s %s %s%s",
                alert.getState(), alert.getSeverity(), alert.getKeyKind().name().toLowerCase(Locale.ROOT),
                alert.getKey(), firing ? "" : "  (episode over)"));
        out.append(String.format(Locale.ROOT, "%n  window   %s, %d texts", window(alert), alert.getCount()));
        out.append(String.format(Locale.ROOT, "%n  negative %s vs a normal %s (z %.1f)",
                percent(alert.getNegativeShare()), percent(alert.getBaselineShare()), alert.getZScore()));
        String label = "evidence";
        for (EvidenceText e : alert.getEvidence()) {
            out.append(String.format(Locale.ROOT, "%n  %-8s %.2f %s  %s", label, e.getScore(), e.getId(), shorten(e.getSnippet())));
            label = "";
        }
        out.append(String.format(Locale.ROOT, "%n  models   %s   alert %s   sent %s UTC",
                alert.getModelVersions().isEmpty() ? "-" : String.join(", ", alert.getModelVersions()),
                alert.getAlertId(), SECONDS.format(alert.getFiredAt())));
        return out.toString();
    }

    private static String window(SentimentAlert alert) {
        Instant start = alert.getWindowStart();
        Instant end = alert.getWindowEnd();
        boolean sameDay = DAY_TIME.format(start).substring(0, 10).equals(DAY_TIME.format(end).substring(0, 10));
        return DAY_TIME.format(start) + " to " + (sameDay ? TIME.format(end) : DAY_TIME.format(end)) + " UTC";
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    private static String shorten(String snippet) {
        return snippet.length() <= SNIPPET_WIDTH ? snippet : snippet.substring(0, SNIPPET_WIDTH - 3) + "...";
    }
}
