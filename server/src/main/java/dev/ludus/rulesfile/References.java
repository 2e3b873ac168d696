package dev.ludus.rulesfile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** What the definitions of the standard kinds refer to, read from their JSON. Stateless. */
final class References {

    /** A reference from a rule's definition to another rule, and where in the definition it is (a JSON Pointer). */
    record Ref(StandardKind kind, String key, String pointer) { }

    private References() { }

    /** The rules that a definition (a canonical rule or a server view) refers to. */
    static List<Ref> of(StandardKind kind, JsonNode definition) {
        List<Ref> refs = new ArrayList<>();
        switch (kind) {
            case METRIC -> { }
            case STREAK -> {
                JsonNode conditions = definition.path("conditions");
                for (int i = 0; i < conditions.size(); i++) {
                    refs.add(new Ref(StandardKind.METRIC, conditions.get(i).path("metric").asText(),
                            "/conditions/" + i + "/metric"));
                }
            }
            case POINTS_SYSTEM -> {
                JsonNode triggers = definition.path("triggers");
                for (int i = 0; i < triggers.size(); i++) {
                    JsonNode trigger = triggers.get(i);
                    switch (trigger.path("type").asText().strip()) {
                        case "metric" -> refs.add(new Ref(StandardKind.METRIC, trigger.path("metric").asText().strip(),
                                "/triggers/" + i + "/metric"));
                        case "achievement" -> refs.add(new Ref(StandardKind.ACHIEVEMENT,
                                trigger.path("achievement").asText().strip(), "/triggers/" + i + "/achievement"));
                        case "streak" -> refs.add(new Ref(StandardKind.STREAK, trigger.path("streak").asText().strip(),
                                "/triggers/" + i + "/streak"));
                        default -> { }
                    }
                }
            }
            case ACHIEVEMENT -> {
                JsonNode trigger = definition.path("trigger");
                switch (trigger.path("type").asText()) {
                    case "metric" -> refs.add(new Ref(StandardKind.METRIC, trigger.path("metric").asText(), "/trigger/metric"));
                    case "streak" -> refs.add(new Ref(StandardKind.STREAK, trigger.path("streak").asText(), "/trigger/streak"));
                    case "composite" -> {
                        JsonNode prerequisites = trigger.path("prerequisites");
                        for (int i = 0; i < prerequisites.size(); i++) {
                            refs.add(new Ref(StandardKind.ACHIEVEMENT, prerequisites.get(i).asText(),
                                    "/trigger/prerequisites/" + i));
                        }
                    }
                    default -> { }
                }
                JsonNode reward = definition.path("reward");
                if (reward.isObject()) {
                    refs.add(new Ref(StandardKind.POINTS_SYSTEM, reward.path("system").asText(), "/reward/system"));
                }
            }
            case REWARD -> refs.add(new Ref(StandardKind.POINTS_SYSTEM, definition.path("points_system").asText(),
                    "/points_system"));
            case QUEST -> {
                JsonNode steps = definition.path("steps");
                for (int i = 0; i < steps.size(); i++) {
                    JsonNode step = steps.get(i);
                    if (step.path("metric").isTextual()) {
                        refs.add(new Ref(StandardKind.METRIC, step.path("metric").asText(), "/steps/" + i + "/metric"));
                    } else if (step.path("achievement").isTextual()) {
                        refs.add(new Ref(StandardKind.ACHIEVEMENT, step.path("achievement").asText(),
                                "/steps/" + i + "/achievement"));
                    }
                }
                JsonNode reward = definition.path("reward");
                if (reward.path("system").isTextual()) {
                    refs.add(new Ref(StandardKind.POINTS_SYSTEM, reward.path("system").asText(), "/reward/system"));
                }
                if (reward.path("achievement").isTextual()) {
                    refs.add(new Ref(StandardKind.ACHIEVEMENT, reward.path("achievement").asText(),
                            "/reward/achievement"));
                }
            }
            case TEAM_LEADERBOARD -> {
                JsonNode rankBy = definition.path("rank_by");
                switch (rankBy.path("type").asText()) {
                    case "metric" -> refs.add(new Ref(StandardKind.METRIC, rankBy.path("metric").asText(), "/rank_by/metric"));
                    case "points" -> refs.add(new Ref(StandardKind.POINTS_SYSTEM, rankBy.path("system").asText(),
                            "/rank_by/system"));
                    default -> { }
                }
            }
            case LEADERBOARD -> {
                JsonNode rankBy = definition.path("rank_by");
                switch (rankBy.path("type").asText()) {
                    case "metric" -> refs.add(new Ref(StandardKind.METRIC, rankBy.path("metric").asText(), "/rank_by/metric"));
                    case "points" -> refs.add(new Ref(StandardKind.POINTS_SYSTEM, rankBy.path("system").asText(),
                            "/rank_by/system"));
                    case "streak" -> refs.add(new Ref(StandardKind.STREAK, rankBy.path("streak").asText(), "/rank_by/streak"));
                    default -> { }
                }
            }
        }
        return refs;
    }
}
