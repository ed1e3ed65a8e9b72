package io.sentiflow.learner;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which version a round warm-starts from. The learner records in its state the version its last
 * committed round published (or the promoted one it started from). A round that published and
 * promoted a version but crashed before its checkpoint leaves the store's promoted version one
 * step ahead of the restored state: the repeated round must start from the recorded parent, so
 * that the same parent and the same labels find the same version instead of training on top of
 * it. Any other promoted version was chosen by a person (promote, roll back) and is followed.
 */
public final class ParentChoice {

    private ParentChoice() {}

    /**
     * @param recorded the parent recorded in state, or null before the first round
     * @param promoted the store's promoted version
     * @param parentOf a version's parent in the store, if it has one
     */
    public static String choose(String recorded, String promoted, Function<String, Optional<String>> parentOf) {
        Objects.requireNonNull(promoted, "promoted");
        if (recorded == null || recorded.equals(promoted)) {
            return promoted;
        }
        return parentOf.apply(promoted).filter(recorded::equals).isPresent() ? recorded : promoted;
    }
}
