package dev.wrapup.persistence;

import static dev.wrapup.persistence.jooq.Tables.ACTION_ITEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wrapup.domain.ActionItem;
import dev.wrapup.domain.ActionKind;
import dev.wrapup.domain.ActionState;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentStatus;
import dev.wrapup.domain.Severity;
import dev.wrapup.persistence.Incidents.NewIncident;
import dev.wrapup.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Action items made before kinds and states are fixes, done where they had been closed; after, an
 * item is closed once, as done or won't do with its reason, and may be opened again.
 */
class ActionItemStatesTest {
    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir Path dir;

    @Test
    void itemsFromBeforeTheMigrationKeepTheirMeaningOnH2() {
        try (Database database = Database.open(TestDatabases.h2(dir))) {
            migrateAcross(database);
        }
    }

    @Test
    void itemsFromBeforeTheMigrationKeepTheirMeaningOnPostgresql() {
        try (Database database = Database.open(TestDatabases.freshPostgresSchema())) {
            migrateAcross(database);
        }
    }

    private static void migrateAcross(Database database) {
        database.migrateBefore(MigrationVersion.fromVersion("15"));
        Incident incident =
                database.transaction(tx -> new Incidents(database).create(tx, incident(), AT));
        // Written as the release before kinds wrote them: no kind, no state.
        database.transaction(
                tx -> {
                    for (int n = 1; n <= 2; n++) {
                        tx.dsl()
                                .insertInto(ACTION_ITEM)
                                .set(ACTION_ITEM.INCIDENT_ID, incident.id())
                                .set(ACTION_ITEM.NUMBER, n)
                                .set(ACTION_ITEM.OWNER_ID, "U1")
                                .set(ACTION_ITEM.TEXT, "Item " + n)
                                .set(ACTION_ITEM.CREATED_BY, "U1")
                                .set(ACTION_ITEM.CREATED_AT, AT)
                                .set(ACTION_ITEM.DONE_AT, n == 1 ? AT.plusSeconds(60) : null)
                                .execute();
                    }
                    return null;
                });
        database.migrate();

        WrapUps wrapups = new WrapUps(database);
        List<ActionItem> items = wrapups.actions(incident.id());
        assertEquals(
                List.of(ActionState.DONE, ActionState.OPEN),
                items.stream().map(ActionItem::state).toList());
        assertEquals(
                List.of(ActionKind.FIX, ActionKind.FIX),
                items.stream().map(ActionItem::kind).toList());
        assertEquals(AT.plusSeconds(60), items.get(0).closedAt());

        ActionItem open = items.get(1);
        assertEquals(
                List.of(true, false, false),
                List.of(
                        database.transaction(
                                tx ->
                                        wrapups.closeAction(
                                                tx,
                                                open.id(),
                                                ActionState.WONT_DO,
                                                "Covered elsewhere",
                                                AT.plusSeconds(120))),
                        database.transaction(
                                tx ->
                                        wrapups.closeAction(
                                                tx, open.id(), ActionState.DONE, null, AT)),
                        database.transaction(
                                tx ->
                                        wrapups.closeAction(
                                                tx,
                                                items.get(0).id(),
                                                ActionState.WONT_DO,
                                                "late",
                                                AT))));
        ActionItem wontDo = wrapups.action(open.id()).orElseThrow();
        assertEquals(ActionState.WONT_DO, wontDo.state());
        assertEquals("Covered elsewhere", wontDo.wontDoReason());
        assertEquals(AT.plusSeconds(120), wontDo.closedAt());
        assertEquals(List.of(), wrapups.openActionsOf("U1"));

        assertEquals(true, database.transaction(tx -> wrapups.reopenAction(tx, open.id())));
        assertEquals(false, database.transaction(tx -> wrapups.reopenAction(tx, open.id())));
        ActionItem reopened = wrapups.action(open.id()).orElseThrow();
        assertEquals(ActionState.OPEN, reopened.state());
        assertNull(reopened.wontDoReason());
        assertNull(reopened.closedAt());
        assertEquals(
                List.of(open.id()),
                wrapups.openActionsOf("U1").stream().map(ActionItem::id).toList());

        ActionItem added =
                database.transaction(
                        tx ->
                                wrapups.addAction(
                                        tx,
                                        incident.id(),
                                        "U2",
                                        "Add a canary",
                                        null,
                                        ActionKind.GUARDRAIL,
                                        "U1",
                                        AT));
        assertEquals(3, added.number());
        assertEquals(ActionKind.GUARDRAIL, wrapups.action(added.id()).orElseThrow().kind());
    }

    private static NewIncident incident() {
        return new NewIncident(
                IncidentKind.INCIDENT,
                "T1",
                "C1",
                "inc-c1",
                "Test",
                null,
                Severity.SEV3,
                IncidentStatus.RESOLVED,
                "U1",
                "U1",
                AT);
    }
}
