package dev.wrapup.bot.similar;

import dev.wrapup.domain.IncidentKind;
import dev.wrapup.domain.IncidentText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Labelled incidents ({@code similar/incidents.txt}, or the held-out {@code similar/holdout.txt}):
 * each with its cluster; incidents of one cluster (but "noise") are relevant to each other.
 */
public record LabelledSet(List<Labelled> incidents) {
    public static final String NOISE = "noise";
    static final Instant FIRST = Instant.parse("2025-01-06T10:00:00Z");

    /** One incident, its name and cluster. */
    public record Labelled(String name, String cluster, IncidentText text) {
        public boolean relevantTo(Labelled other) {
            return !cluster.equals(NOISE) && cluster.equals(other.cluster) && this != other;
        }
    }

    /** The set the ranking was first measured on. */
    public static LabelledSet load() {
        return load("/similar/incidents.txt");
    }

    /** A second set of other services and words, never tuned on. */
    public static LabelledSet holdout() {
        return load("/similar/holdout.txt");
    }

    private static LabelledSet load(String resource) {
        try (InputStream in =
                Objects.requireNonNull(LabelledSet.class.getResourceAsStream(resource), resource)) {
            BufferedReader lines =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Labelled> incidents = new ArrayList<>();
            Builder current = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (line.startsWith("== ")) {
                    if (current != null) {
                        incidents.add(current.build(incidents.size()));
                    }
                    String[] parts = line.substring(3).trim().split(" ");
                    current = new Builder(parts[0], parts[1]);
                    continue;
                }
                int colon = line.indexOf(':');
                String key = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                switch (key) {
                    case "title" -> current.title = value;
                    case "entry" -> current.timeline.add(value);
                    case "moment" -> current.moments.add(value);
                    case "comment" -> current.comments.add(value);
                    default -> throw new IllegalArgumentException("unknown line: " + line);
                }
            }
            incidents.add(current.build(incidents.size()));
            return new LabelledSet(List.copyOf(incidents));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The incidents that are about something seen before (not noise). */
    public List<Labelled> queries() {
        return incidents.stream().filter(i -> !i.cluster().equals(NOISE)).toList();
    }

    /** The incident as a new one: started after every other, with an id none has. */
    public static IncidentText asNew(IncidentText t, long id) {
        return new IncidentText(
                id,
                t.kind(),
                t.channelId(),
                Instant.parse("2100-01-01T00:00:00Z"),
                t.title(),
                t.timeline(),
                t.moments(),
                t.comments());
    }

    private static final class Builder {
        final String name;
        final String cluster;
        String title;
        final List<String> timeline = new ArrayList<>();
        final List<String> moments = new ArrayList<>();
        final List<String> comments = new ArrayList<>();

        Builder(String name, String cluster) {
            this.name = name;
            this.cluster = cluster;
        }

        Labelled build(int index) {
            return new Labelled(
                    name,
                    cluster,
                    new IncidentText(
                            index + 1,
                            IncidentKind.INCIDENT,
                            "C0" + name.toUpperCase().replace("-", ""),
                            FIRST.plus(Duration.ofDays(index)),
                            title,
                            timeline,
                            moments,
                            comments));
        }
    }
}
