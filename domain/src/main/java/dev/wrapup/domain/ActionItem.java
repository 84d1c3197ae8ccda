package dev.wrapup.domain;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Something to change, with an owner, a kind and perhaps a due date; open until done or decided
 * against.
 *
 * @param closedAt when it was marked done or won't do, null while open
 * @param wontDoReason why it won't be done, null unless its state is {@link ActionState#WONT_DO}
 */
public record ActionItem(
        long id,
        long incidentId,
        int number,
        String ownerId,
        String text,
        LocalDate dueOn,
        String createdBy,
        Instant createdAt,
        Instant closedAt,
        ActionKind kind,
        ActionState state,
        String wontDoReason) {

    /** An item of the default kind, done when {@code closedAt} is set. */
    public ActionItem(
            long id,
            long incidentId,
            int number,
            String ownerId,
            String text,
            LocalDate dueOn,
            String createdBy,
            Instant createdAt,
            Instant closedAt) {
        this(
                id,
                incidentId,
                number,
                ownerId,
                text,
                dueOn,
                createdBy,
                createdAt,
                closedAt,
                ActionKind.FIX,
                closedAt == null ? ActionState.OPEN : ActionState.DONE,
                null);
    }

    public boolean done() {
        return state == ActionState.DONE;
    }

    public boolean open() {
        return state == ActionState.OPEN;
    }

    /** Done or won't do. */
    public boolean closed() {
        return state.closed();
    }

    /** The same item of another kind. */
    public ActionItem withKind(ActionKind kind) {
        return new ActionItem(
                id,
                incidentId,
                number,
                ownerId,
                text,
                dueOn,
                createdBy,
                createdAt,
                closedAt,
                kind,
                state,
                wontDoReason);
    }

    /** Its state in words, with the reason of a won't do: "won't do: covered by the runbook". */
    public String stateText() {
        return state == ActionState.WONT_DO && wontDoReason != null
                ? state.label() + ": " + wontDoReason
                : state.label();
    }
}
