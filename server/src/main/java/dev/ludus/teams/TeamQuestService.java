package dev.ludus.teams;

import dev.ludus.engine.Amount;
import dev.ludus.engine.Quest;
import dev.ludus.engine.Rules;
import dev.ludus.events.Answers;
import dev.ludus.http.ApiException;
import dev.ludus.rules.RuleService;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/** The reads of team quests: a team's standing in every active team quest, in its current window. */
public final class TeamQuestService {

    private final Jdbi jdbi;
    private final RuleService rules;
    private final TeamStore teams;
    private final TeamQuestStore store = new TeamQuestStore();
    private final Clock clock;

    public TeamQuestService(Jdbi jdbi, RuleService rules, dev.ludus.http.Json json, Clock clock) {
        this.jdbi = jdbi;
        this.rules = rules;
        this.teams = new TeamStore(json);
        this.clock = clock;
    }

    /** One step's total of the team's members in the window. */
    public record StepView(String key, String metric, BigDecimal progress, BigDecimal total, boolean completed) { }

    /**
     * A team's standing in one team quest.
     *
     * @param status {@code upcoming} (a fixed window not started), {@code active}, {@code completed},
     *     {@code ended} (a fixed window that ended unfinished)
     */
    public record TeamQuestView(String key, String name, String description, String imageUrl, String status,
            Instant windowStart,
            Instant windowEnd, int stepsDone, int stepsTotal, List<StepView> steps, Instant completedAt,
            Answers.PrizeView reward) { }

    /** {@code GET /v1/teams/{id}/quests}. */
    public record TeamQuestList(String teamId, List<TeamQuestView> quests) { }

    /**
     * The team's standing in every active team quest, named in one of {@code acceptLanguage}, else the
     * application's default language; 400 for a malformed id, 404 for an unknown team.
     */
    public TeamQuestList ofTeam(String applicationId, String rawTeamId, Optional<String> acceptLanguage) {
        String teamId = TeamService.teamId(rawTeamId);
        return jdbi.withHandle(handle -> {
            if (teams.find(handle, applicationId, teamId).isEmpty()) {
                throw ApiException.notFound("no team '" + teamId + "'");
            }
            Rules current = rules.rules(handle, applicationId);
            dev.ludus.engine.Language language = dev.ludus.profiles.Languages.ofApplication(handle, applicationId,
                    acceptLanguage);
            Instant now = clock.instant();
            List<TeamQuestView> views = new ArrayList<>();
            for (Quest quest : new TreeMap<>(current.quests()).values()) {
                if (!quest.team()) {
                    continue;
                }
                Quest.Span window = quest.window() instanceof Quest.Fixed fixed
                        ? new Quest.Span(fixed.startsAt(), fixed.endsAt()) : quest.teamWindowAt(now).orElseThrow();
                Map<String, Long> totals = store.totals(handle, applicationId, quest.key(), window.start(), teamId);
                Optional<Instant> completed = store.completedAt(handle, applicationId, quest.key(), window.start(),
                        teamId);
                List<StepView> steps = new ArrayList<>();
                for (Quest.Step step : quest.steps()) {
                    Quest.MetricStep metric = (Quest.MetricStep) step;
                    Amount total = new Amount(totals.getOrDefault(step.key(), 0L));
                    steps.add(new StepView(step.key(), metric.metric(), total.toDecimal(), metric.total().toDecimal(),
                            total.compareTo(metric.total()) >= 0));
                }
                String status = completed.isPresent() ? "completed" : now.isBefore(window.start()) ? "upcoming"
                        : quest.endedAt(now) ? "ended" : "active";
                views.add(new TeamQuestView(quest.key(), quest.name().in(language),
                        quest.description().map(text -> text.in(language)).orElse(null), quest.imageUrl().orElse(null),
                        status,
                        window.start(), window.end(), TeamQuests.done(quest, totals),
                        quest.steps().size(), steps, completed.orElse(null), Answers.PrizeView.of(quest.prize())));
            }
            return new TeamQuestList(teamId, views);
        });
    }
}
