package dev.wrapup.bot.digest;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.asElements;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.bot.web.IncidentLinks;
import dev.wrapup.domain.ActionDigest;
import dev.wrapup.domain.ActionItem;
import dev.wrapup.domain.ActionState;
import dev.wrapup.domain.Incident;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The digest as a direct message: the person's own items, then the overdue items of wrap-ups they
 * facilitated, each with its incident, age and due date and, while open, a Done and a Won't do
 * button. Shown again after a button closes an item, each item as it stands then.
 */
final class DigestMessage {
    /** The message's fallback text and its blocks. */
    record Rendered(String text, List<LayoutBlock> blocks) {}

    private final IncidentLinks links;

    DigestMessage(IncidentLinks links) {
        this.links = links;
    }

    Rendered render(ActionDigest digest, ZoneId zone, LongFunction<Optional<Incident>> incidents) {
        LocalDate today = digest.weekOf();
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText("Your action items, week of " + today))));
        if (!digest.own().isEmpty()) {
            blocks.add(section(s -> s.text(markdownText("*Your open action items*"))));
            items(blocks, digest, digest.own(), ActionDigest.OWN_SHOWN, false, zone, incidents);
        }
        if (!digest.facilitated().isEmpty()) {
            if (!digest.own().isEmpty()) {
                blocks.add(divider());
            }
            blocks.add(section(s -> s.text(markdownText("*Overdue in wrap-ups you facilitated*"))));
            items(
                    blocks,
                    digest,
                    digest.facilitated(),
                    ActionDigest.FACILITATED_SHOWN,
                    true,
                    zone,
                    incidents);
        }
        long open = digest.own().stream().filter(ActionItem::open).count();
        long overdue = digest.facilitated().stream().filter(ActionItem::open).count();
        String text =
                "Your action items this week: "
                        + open
                        + " open"
                        + (digest.facilitated().isEmpty()
                                ? ""
                                : ", " + overdue + " overdue in wrap-ups you facilitated")
                        + ".";
        return new Rendered(text, blocks);
    }

    private void items(
            List<LayoutBlock> blocks,
            ActionDigest digest,
            List<ActionItem> items,
            int shown,
            boolean withOwner,
            ZoneId zone,
            LongFunction<Optional<Incident>> incidents) {
        for (ActionItem item : items.subList(0, Math.min(shown, items.size()))) {
            String line = line(item, digest.weekOf(), withOwner, zone, incidents);
            blocks.add(section(s -> s.blockId("item-" + item.id()).text(markdownText(line))));
            if (item.open()) {
                String value = DigestButtons.value(digest.weekOf(), item.id());
                blocks.add(
                        actions(
                                a ->
                                        a.blockId("buttons-" + item.id())
                                                .elements(
                                                        asElements(
                                                                button(
                                                                        b ->
                                                                                b.actionId(
                                                                                                DigestButtons
                                                                                                        .DONE)
                                                                                        .text(
                                                                                                plainText(
                                                                                                        "Done"))
                                                                                        .style(
                                                                                                "primary")
                                                                                        .value(
                                                                                                value)),
                                                                button(
                                                                        b ->
                                                                                b.actionId(
                                                                                                DigestButtons
                                                                                                        .WONT_DO)
                                                                                        .text(
                                                                                                plainText(
                                                                                                        "Won't do"))
                                                                                        .value(
                                                                                                value))))));
            }
        }
        if (items.size() > shown) {
            int more = items.size() - shown;
            String where =
                    links.publicUrl().isPresent()
                            ? "your Home tab or the incident pages"
                            : "your Home tab";
            blocks.add(
                    context(
                            c ->
                                    c.elements(
                                            List.of(
                                                    markdownText(
                                                            "…and "
                                                                    + more
                                                                    + " more: see "
                                                                    + where
                                                                    + ".")))));
        }
    }

    private String line(
            ActionItem item,
            LocalDate today,
            boolean withOwner,
            ZoneId zone,
            LongFunction<Optional<Incident>> incidents) {
        StringBuilder line = new StringBuilder();
        String text = SlackText.escape(item.text());
        line.append(item.open() ? "*" + text + "*" : "~" + text + "~")
                .append(" (")
                .append(item.kind().word())
                .append(")");
        if (withOwner) {
            line.append(" — ").append(SlackText.mention(item.ownerId()));
        }
        line.append("\n").append(incidents.apply(item.incidentId()).map(this::incident).orElse(""));
        long age = ActionDigest.ageInDays(item, today, zone);
        line.append(" · ").append(age == 1 ? "1 day old" : age + " days old");
        line.append(" · ").append(item.dueOn() == null ? "no due date" : "due " + item.dueOn());
        if (ActionDigest.overdue(item, today)) {
            line.append(" · :warning: *overdue*");
        }
        if (item.state() == ActionState.DONE) {
            line.append("\n:white_check_mark: Done");
        } else if (item.state() == ActionState.WONT_DO) {
            line.append("\n:no_entry_sign: ").append(SlackText.escape(item.stateText()));
        }
        return line.toString();
    }

    /** The incident's title, linked to its page when sign-in is on, else with its channel. */
    private String incident(Incident incident) {
        String title = SlackText.escape(incident.title());
        return links.page(incident)
                .map(url -> "<" + url + "|" + title + ">")
                .orElse(title + " (<#" + incident.channelId() + ">)");
    }
}
