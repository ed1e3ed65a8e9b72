package io.sentiflow.alerts;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.LongStream;

/**
 * What one key's window has seen so far: the fingerprints of its distinct texts, how many of
 * them are negative, the most negative texts and the model versions. An immutable value: every
 * {@code add} returns a new tally (Flink stores it as window state between elements).
 * Arrays rather than collections so Flink serializes it as a POJO, without Kryo.
 *
 * @param fingerprints sorted fingerprints of the distinct texts
 * @param negatives how many distinct texts are negative
 * @param evidence the most negative texts, most negative first
 * @param modelVersions sorted distinct model versions, at most {@link #MAX_VERSIONS}
 */
public record WindowTally(long[] fingerprints, int negatives, EvidenceItem[] evidence, String[] modelVersions) {

    /** More versions in one window means a swap storm; the first few name it well enough. */
    public static final int MAX_VERSIONS = 8;

    private static final Comparator<EvidenceItem> MOST_NEGATIVE_FIRST =
            Comparator.comparingDouble((EvidenceItem e) -> -e.score()).thenComparing(EvidenceItem::id);

    public static WindowTally empty() {
        return new WindowTally(new long[0], 0, new EvidenceItem[0], new String[0]);
    }

    /** Distinct texts in the window. */
    public int count() {
        return fingerprints.length;
    }

    /** Adds a text unless a copy of it is already counted. */
    public WindowTally add(KeyedText text, int evidenceSize) {
        int at = Arrays.binarySearch(fingerprints, text.fingerprint());
        if (at >= 0) {
            return this;
        }
        int insert = -at - 1;
        long[] prints = new long[fingerprints.length + 1];
        System.arraycopy(fingerprints, 0, prints, 0, insert);
        prints[insert] = text.fingerprint();
        System.arraycopy(fingerprints, insert, prints, insert + 1, fingerprints.length - insert);
        EvidenceItem[] topTexts = evidence;
        if (text.negative()) {
            EvidenceItem item = new EvidenceItem(text.id(), text.snippet(), text.bearish());
            topTexts = topK(concat(evidence, new EvidenceItem[] {item}), evidenceSize);
        }
        return new WindowTally(prints, negatives + (text.negative() ? 1 : 0), topTexts,
                withVersion(modelVersions, text.modelVersion()));
    }

    /**
     * Merges two tallies of the same window. Copies present in both count once; their negative
     * count is an upper bound then, since only fingerprints are kept (sliding windows never merge).
     */
    public WindowTally merge(WindowTally other, int evidenceSize) {
        long[] union = LongStream.concat(Arrays.stream(fingerprints), Arrays.stream(other.fingerprints))
                .distinct().sorted().toArray();
        String[] versions = modelVersions;
        for (String v : other.modelVersions) {
            versions = withVersion(versions, v);
        }
        int mergedNegatives = Math.min(union.length, negatives + other.negatives);
        return new WindowTally(union, mergedNegatives, topK(concat(evidence, other.evidence), evidenceSize), versions);
    }

    private static EvidenceItem[] concat(EvidenceItem[] a, EvidenceItem[] b) {
        EvidenceItem[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static EvidenceItem[] topK(EvidenceItem[] items, int k) {
        return Arrays.stream(items).distinct().sorted(MOST_NEGATIVE_FIRST).limit(k).toArray(EvidenceItem[]::new);
    }

    private static String[] withVersion(String[] versions, String version) {
        if (version == null || Arrays.binarySearch(versions, version) >= 0 || versions.length >= MAX_VERSIONS) {
            return versions;
        }
        String[] more = Arrays.copyOf(versions, versions.length + 1);
        more[versions.length] = version;
        Arrays.sort(more);
        return more;
    }
}
