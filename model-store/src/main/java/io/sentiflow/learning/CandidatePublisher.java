package io.sentiflow.learning;

import io.sentiflow.model.WeightsCodec;
import io.sentiflow.store.DataFile;
import io.sentiflow.store.Manifest;
import io.sentiflow.store.ModelStore;
import io.sentiflow.store.VersionStatus;
import io.sentiflow.training.JointTrainer;
import io.sentiflow.training.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a round's candidate into the store with its gate figures and promotes it when it passed;
 * also finishes a round an earlier run already published (the promotion may not have happened).
 */
final class CandidatePublisher {

    private static final Logger LOG = LoggerFactory.getLogger(CandidatePublisher.class);

    private final ModelStore store;
    private final LearningSettings settings;

    CandidatePublisher(ModelStore store, LearningSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    LearningOutcome publish(String version, Manifest parent, RoundExamples round, JointTrainer.TrainedHeads trained,
            float[] classWeights, IncrementalLearner.Split split, GateDecision gate) {
        VersionStatus status = gate.passed() ? VersionStatus.PUBLISHED : VersionStatus.REFUSED;
        Manifest draft = new Manifest(Manifest.FORMAT, version, parent.version(), Instant.now().toString(), status,
                parent.encoder(), parent.architecture(), round.topicLabels(), round.sentimentLabels(),
                hyperParameters(round, trained, classWeights, split), trainingData(round), metrics(gate),
                Map.of(), gate.reason());
        try {
            // A fine-tuned parent's encoder goes with its child, whose heads learnt on its outputs.
            Map<String, byte[]> contents = new LinkedHashMap<>(store.ownEncoderFiles(parent.version()));
            contents.put(Manifest.WEIGHTS_FILE, WeightsCodec.encode(trained.weights().tensors()));
            store.publish(draft, contents);
        } catch (IllegalStateException alreadyThere) {
            // Another run of the same round published it first; same inputs, same version.
            return resume(version, parent);
        }
        LOG.info("Published candidate {} as {}", version, status);
        return outcome(version, parent, gate, false);
    }

    /** The outcome of a round whose version is already in the store, finishing its promotion. */
    LearningOutcome resume(String version, Manifest parent) {
        Manifest manifest = store.manifest(version);
        return outcome(version, parent, Gate.fromManifest(manifest, parent.topicLabels()), true);
    }

    private LearningOutcome outcome(String version, Manifest parent, GateDecision gate, boolean alreadyInStore) {
        Manifest manifest = store.manifest(version);
        boolean promoted = manifest.status() == VersionStatus.PUBLISHED && promoteIfParentStillPromoted(version,
                parent.version());
        return new LearningOutcome(version, parent.version(), manifest.status(), gate, alreadyInStore,
                store.versionUri(version), store.manifestSha256(version), manifest.metrics(), promoted);
    }

    /**
     * Promotes a passed candidate unless someone promoted another version since the round started (an
     * operator's rollback must not be undone by a learner).
     */
    private boolean promoteIfParentStillPromoted(String version, String parentVersion) {
        Optional<String> promoted = store.promotedVersion();
        if (promoted.isPresent() && promoted.get().equals(version)) {
            return true;
        }
        if (promoted.isEmpty() || promoted.get().equals(parentVersion)) {
            store.promote(version);
            LOG.info("Promoted {} (was {})", version, promoted.orElse("none"));
            return true;
        }
        LOG.warn("Candidate {} passed the gate but is not promoted: {} is promoted now, not its parent {}", version,
                promoted.get(), parentVersion);
        return false;
    }

    private Map<String, Object> hyperParameters(RoundExamples round, JointTrainer.TrainedHeads trained,
            float[] classWeights, IncrementalLearner.Split split) {
        Map<String, Object> map = new LinkedHashMap<>(settings.asMap());
        map.putAll(round.counts());
        map.put("feedbackDev", split.feedbackDev().size());
        map.put("replayDev", split.replayDev().size());
        map.put("trainExamples", split.train().size());
        map.put("feedbackRepeats", split.feedbackRepeats());
        map.put("epochsRun", trained.epochs());
        map.put("bestEpoch", trained.bestEpoch());
        map.put("bestEpochScore", trained.bestDevScore());
        map.put("sentimentClassWeights", classWeights);
        return map;
    }

    private static List<DataFile> trainingData(RoundExamples round) {
        List<DataFile> files = new ArrayList<>();
        for (Task task : Task.values()) {
            List<LabeledExample> feedback = new ArrayList<>(round.trainFeedback());
            feedback.addAll(round.holdout());
            feedback.removeIf(example -> example.task() != task);
            List<LabeledExample> replay = round.replay().stream().filter(example -> example.task() == task).toList();
            files.add(new DataFile(task.cliName(), "feedback", CandidateId.digest(feedback), feedback.size()));
            files.add(new DataFile(task.cliName(), "replay", CandidateId.digest(replay), replay.size()));
        }
        return files;
    }

    private static Map<String, Double> metrics(GateDecision gate) {
        Map<String, Double> metrics = new LinkedHashMap<>(gate.asMetrics());
        // Under the names a trained version uses for its valid figures, when the sets are named so.
        gate.candidateRegression().forEach((name, accuracy) -> metrics.put(name + ".accuracy", accuracy));
        return metrics;
    }
}
