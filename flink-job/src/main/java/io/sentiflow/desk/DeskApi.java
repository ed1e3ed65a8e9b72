package io.sentiflow.desk;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnsupportedMediaTypeResponse;
import io.sentiflow.desk.DeskViews.AlertDetail;
import io.sentiflow.desk.DeskViews.EvidenceView;
import io.sentiflow.schema.KeyKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The desk's JSON API, one handler per route: reads come from {@link DeskState}, the words an alert's
 * evidence rests on from {@link AttentionReader}, labels and verdicts go through {@link DeskActions}.
 * A POST must say {@code Content-Type: application/json}: another site's page cannot send that to the
 * desk without the browser asking first, and the desk never answers that question. Thread safe.
 */
final class DeskApi {

    private final DeskState state;
    private final DeskActions actions;
    private final AttentionReader attention;

    DeskApi(DeskState state, DeskActions actions, AttentionReader attention) {
        this.state = state;
        this.actions = actions;
        this.attention = attention;
    }

    void overview(Context ctx) {
        ctx.json(state.overview(System.currentTimeMillis()));
    }

    void key(Context ctx) {
        KeyKind kind;
        try {
            kind = KeyKind.valueOf(ctx.pathParam("kind").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NotFoundResponse("a key kind is topic or entity");
        }
        ctx.json(state.key(kind, ctx.pathParam("key")));
    }

    void alert(Context ctx) {
        AlertDetail detail = state.alert(ctx.pathParam("id"))
                .orElseThrow(() -> new NotFoundResponse("no such alert on the desk"));
        List<EvidenceView> weighed = new ArrayList<>();
        for (EvidenceView evidence : detail.evidence()) {
            weighed.add(evidence.text() == null ? evidence : weigh(evidence));
        }
        ctx.json(new AlertDetail(detail.episode(), weighed, detail.useful(), detail.noise()));
    }

    void relabel(Context ctx) {
        answer(ctx, actions.relabel(body(ctx, LabelCheck.LabelRequest.class)));
    }

    void judge(Context ctx) {
        answer(ctx, actions.judge(body(ctx, DeskActions.VerdictRequest.class)));
    }

    private EvidenceView weigh(EvidenceView evidence) {
        TextView text = evidence.text();
        AttentionReader.Outcome outcome = attention.weigh(text.modelVersion(), text.id(), text.text());
        return outcome instanceof AttentionReader.Weighed weighed
                ? new EvidenceView(evidence.named(), text, weighed.weights(), null)
                : new EvidenceView(evidence.named(), text, null, ((AttentionReader.Unavailable) outcome).reason());
    }

    private static <T> T body(Context ctx, Class<T> type) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new UnsupportedMediaTypeResponse("send JSON (Content-Type: application/json)");
        }
        try {
            return ctx.bodyAsClass(type);
        } catch (Exception e) { // Jackson's parse errors are checked, but Kotlin code throws them unchecked
            throw new BadRequestResponse("not the JSON object this takes: " + e.getMessage());
        }
    }

    /**
     * What the page is told about a submission.
     *
     * @param outcome sent, refused (malformed: never sent) or not-sent (Kafka did not take it)
     */
    record Answer(String outcome, String message) {}

    /** 200 sent, 422 refused, 503 not sent. */
    private static void answer(Context ctx, Submission submission) {
        if (submission instanceof Submission.Sent) {
            ctx.status(200).json(new Answer("sent", submission.message()));
        } else if (submission instanceof Submission.Refused) {
            ctx.status(422).json(new Answer("refused", submission.message()));
        } else {
            ctx.status(503).json(new Answer("not-sent", submission.message()));
        }
    }
}
