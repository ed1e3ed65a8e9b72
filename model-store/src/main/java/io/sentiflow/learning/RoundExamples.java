package io.sentiflow.learning;

import io.sentiflow.store.Manifest;
import io.sentiflow.store.Sha256;
import io.sentiflow.training.Example;
import io.sentiflow.training.Task;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The examples of one round resolved against the candidate's label maps: feedback split into
 * training and hold-out by a stable hash of each id, replay, the topics the round adds, and what was
 * left out (unknown sentiment labels, topics still short of examples). Lists are sorted by id, so the
 * round does not depend on the order the caller collected its examples in.
 *
 * @param excluded reason to count of examples not used at all
 * @param waiting unknown topic name to its count of examples, below the minimum for a new class
 */
record RoundExamples(List<String> topicLabels, List<String> sentimentLabels, List<String> newTopics,
        List<LabeledExample> trainFeedback, List<LabeledExample> holdout, List<LabeledExample> replay,
        Map<String, Integer> excluded, Map<String, Integer> waiting) {

    private static final double TWO_TO_52 = 0x1p52;

    static RoundExamples of(Manifest parent, List<LabeledExample> feedback, List<LabeledExample> replay,
            LearningSettings settings) {
        Map<String, LabeledExample> byId = new TreeMap<>();
        feedback.forEach(example -> byId.put(example.id(), example)); // a later correction of an id wins
        Map<String, Integer> unknownTopics = new TreeMap<>();
        for (LabeledExample example : byId.values()) {
            if (example.task() == Task.TOPIC && indexOf(parent.topicLabels(), example.label()) < 0) {
                unknownTopics.merge(example.label(), 1, Integer::sum);
            }
        }
        List<String> newTopics = new ArrayList<>();
        Map<String, Integer> waiting = new TreeMap<>();
        unknownTopics.forEach((name, count) -> {
            if (count >= settings.minNewTopicExamples()) {
                newTopics.add(name);
            } else {
                waiting.put(name, count);
            }
        });
        List<String> topics = new ArrayList<>(parent.topicLabels());
        topics.addAll(newTopics);
        RoundExamples labels = new RoundExamples(topics, parent.sentimentLabels(), newTopics, List.of(), List.of(),
                List.of(), Map.of(), waiting);
        Map<String, Integer> excluded = new TreeMap<>();
        List<LabeledExample> train = new ArrayList<>();
        List<LabeledExample> holdout = new ArrayList<>();
        for (LabeledExample example : byId.values()) {
            if (labels.labelId(example) >= 0) {
                (isHeldOut(example.id(), settings.holdoutFraction()) ? holdout : train).add(example);
            } else if (example.task() == Task.SENTIMENT) {
                excluded.merge("unknown sentiment label '" + example.label() + "'", 1, Integer::sum);
            }
        }
        List<LabeledExample> usedReplay = new ArrayList<>();
        for (LabeledExample example : replay.stream().sorted(Comparator.comparing(LabeledExample::id)).toList()) {
            if (labels.labelId(example) >= 0) {
                usedReplay.add(example);
            } else {
                excluded.merge("replay label '" + example.label() + "' unknown to " + example.task(), 1, Integer::sum);
            }
        }
        return new RoundExamples(topics, parent.sentimentLabels(), newTopics, train, holdout, usedReplay, excluded,
                waiting);
    }

    RoundExamples {
        topicLabels = List.copyOf(topicLabels);
        sentimentLabels = List.copyOf(sentimentLabels);
        newTopics = List.copyOf(newTopics);
        trainFeedback = List.copyOf(trainFeedback);
        holdout = List.copyOf(holdout);
        replay = List.copyOf(replay);
        excluded = Map.copyOf(excluded);
        waiting = Map.copyOf(waiting);
    }

    /**
     * Held out iff a hash of the id alone falls below {@code fraction}: the same example is held out
     * in every round and after every restart, so it is never trained on.
     */
    static boolean isHeldOut(String id, double fraction) {
        String hex = Sha256.of(("holdout:" + id).getBytes(StandardCharsets.UTF_8));
        return Long.parseLong(hex.substring(0, 13), 16) / TWO_TO_52 < fraction;
    }

    /** The example's label id in the candidate's label map of its task, or -1. */
    int labelId(LabeledExample example) {
        return indexOf(example.task() == Task.TOPIC ? topicLabels : sentimentLabels, example.label());
    }

    Example toExample(LabeledExample example) {
        int id = labelId(example);
        if (id < 0) {
            throw new IllegalArgumentException("Label '" + example.label() + "' of " + example.id() + " is not in the "
                    + example.task() + " label map");
        }
        return new Example(example.encoded(), example.task(), id);
    }

    /** Exact name first, then ignoring case (label maps never hold two names differing only in case). */
    static int indexOf(List<String> labels, String name) {
        int exact = labels.indexOf(name);
        if (exact >= 0) {
            return exact;
        }
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Counts for the manifest and logs. */
    Map<String, Object> counts() {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("feedbackTrain", trainFeedback.size());
        counts.put("feedbackHoldout", holdout.size());
        counts.put("replay", replay.size());
        counts.put("excluded", excluded.values().stream().mapToInt(Integer::intValue).sum());
        counts.put("waitingForMoreExamples", waiting.values().stream().mapToInt(Integer::intValue).sum());
        counts.put("newTopics", newTopics);
        return counts;
    }
}
