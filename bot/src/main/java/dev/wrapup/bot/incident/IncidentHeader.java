package dev.wrapup.bot.incident;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The pinned message at the top of an incident channel, kept up to date. */
public final class IncidentHeader {
    private IncidentHeader() {}

    public static String fallbackText(Incident incident) {
        return "Incident: "
                + incident.title()
                + " ("
                + severity(incident)
                + ", "
                + incident.status().label()
                + ")";
    }

    public static List<LayoutBlock> blocks(Incident incident, Optional<String> timelineUrl) {
        String title =
                (incident.isResolved() ? ":white_check_mark: " : ":rotating_light: ")
                        + incident.title();
        List<TextObject> fields = new ArrayList<>();
        fields.add(markdownText("*Severity*\n" + severity(incident)));
        fields.add(markdownText("*Status*\n" + incident.status().label()));
        fields.add(markdownText("*Commander*\n" + SlackText.mention(incident.commanderId())));
        fields.add(
                markdownText(
                        "*Facilitator*\n"
                                + SlackText.mention(incident.facilitator())
                                + (incident.facilitatorId() == null
                                        ? " (the commander, until someone is chosen)"
                                        : "")));
        fields.add(markdownText("*Started*\n" + SlackText.date(incident.startedAt())));
        if (incident.resolvedAt() != null) {
            fields.add(markdownText("*Resolved*\n" + SlackText.date(incident.resolvedAt())));
        }
        List<LayoutBlock> blocks =
                new ArrayList<>(
                        asBlocks(
                                header(
                                        h ->
                                                h.text(
                                                        plainText(
                                                                SlackText.truncate(title, 150),
                                                                true))),
                                section(s -> s.fields(fields))));
        if (incident.description() != null && !incident.description().isBlank()) {
            blocks.add(
                    section(
                            s ->
                                    s.text(
                                            markdownText(
                                                    SlackText.truncate(
                                                            SlackText.escape(
                                                                    incident.description()),
                                                            2900)))));
        }
        if (incident.summary() != null && !incident.summary().isBlank()) {
            blocks.add(
                    section(
                            s ->
                                    s.text(
                                            markdownText(
                                                    "*Resolution*\n"
                                                            + SlackText.truncate(
                                                                    SlackText.escape(
                                                                            incident.summary()),
                                                                    2900)))));
        }
        blocks.add(
                context(
                        c ->
                                c.elements(
                                        List.of(
                                                markdownText(
                                                        "Everything said in this channel is recorded"
                                                                + timelineUrl
                                                                        .map(
                                                                                url ->
                                                                                        " on the <"
                                                                                                + url
                                                                                                + "|timeline>")
                                                                        .orElse("")
                                                                + ". `/incident help` lists what you can do.")))));
        return blocks;
    }

    static String severity(Incident incident) {
        return severity(incident.severity());
    }

    static String severity(Severity severity) {
        return severity == null ? "not set" : severity.label();
    }
}
