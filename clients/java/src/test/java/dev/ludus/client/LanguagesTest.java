package dev.ludus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.ludus.testing.LudusServer;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Names in every language and pictures against a real server (docs/languages.md): definitions given
 * names by language read back as given ({@link LocalizedText}, {@link Named#names()}), pictures on
 * achievements, levels, rewards and quests, and the one name answers about a user pick: the user's
 * {@link User#locale()}, else the client's {@link LudusClient.Builder#acceptLanguage}, else the
 * application's {@link Application#defaultLanguage()}.
 */
class LanguagesTest {

    private static final String BADGE = "https://cdn.example.com/badges/first-lesson.png";
    private static final String SCHOLAR = "https://cdn.example.com/levels/scholar.png";
    private static final String QUEST = "https://cdn.example.com/quests/daily-lesson.png";

    @RegisterExtension
    static final LudusServer shared = new LudusServer();
    private Game game;

    /**
     * Metric {@code lessons}; achievement {@code first_lesson} (one lesson, English then French, with a
     * picture); points system {@code xp} (10 a lesson; levels Beginner 0, Scholar 10 with a picture,
     * Master 100).
     */
    @BeforeEach
    void newApplicationWithRulesInEnglishAndFrench() {
        game = Game.empty(shared.ludus());
        game.admin.metrics().put("lessons", MetricDefinition.named("Lessons")
                .withNames(texts("en", "Lessons", "fr", "Leçons")));
        game.admin.achievements().put("first_lesson", firstLesson());
        game.admin.pointsSystems().put("xp", PointsSystemDefinition.builder()
                .names(texts("en", "Experience", "fr", "Expérience"))
                .trigger(PointsTrigger.perMetric("lessons", 10))
                .level(texts("en", "Beginner", "fr", "Débutant"), 0)
                .level(new Level(texts("en", "Scholar", "fr", "Érudit"), 10, SCHOLAR))
                .level(texts("en", "Master", "fr", "Maître"), 100)
                .build());
    }

    private static AchievementDefinition firstLesson() {
        return AchievementDefinition.builder(AchievementTrigger.metric("lessons", BigDecimal.ONE))
                .names(texts("en", "First lesson", "fr", "Première leçon", "pt-br", "Primeira lição"))
                .descriptions(texts("en", "Finish your first lesson", "fr", "Terminez votre première leçon"))
                .imageUrl(BADGE)
                .build();
    }

    @Test
    void anAchievementGivenNamesByLanguageReadsBackAsGivenWithItsPicture() {
        Achievement read = game.server.achievements().get("first_lesson");

        assertThat(read.names()).as("in the order given, tags in canonical form").containsExactly(
                entry("en", "First lesson"), entry("fr", "Première leçon"), entry("pt-BR", "Primeira lição"));
        assertThat(read.name()).as("the first text").isEqualTo("First lesson");
        assertThat(read.descriptions()).containsExactly(entry("en", "Finish your first lesson"),
                entry("fr", "Terminez votre première leçon"));
        assertThat(read.imageUrl()).isEqualTo(BADGE);
        assertThat(game.admin.achievements().put("first_lesson", read.definition()))
                .as("put back unchanged").satisfies(again -> {
                    assertThat(again.localizedName()).isEqualTo(read.localizedName());
                    assertThat(again.imageUrl()).isEqualTo(BADGE);
                });
        assertThat(game.server.pointsSystems().get("xp").levels()).containsExactly(
                new Level(texts("en", "Beginner", "fr", "Débutant"), 0, null),
                new Level(texts("en", "Scholar", "fr", "Érudit"), 10, SCHOLAR),
                new Level(texts("en", "Master", "fr", "Maître"), 100, null));
    }

    @Test
    void everyKindOfRuleKeepsItsNamesByLanguageAndAPlainDescriptionStaysPlain() {
        Map<String, String> names = texts("en", "Daily lesson", "fr", "Leçon du jour");
        Map<String, String> descriptions = texts("en", "A lesson a day", "fr", "Une leçon par jour");

        Streak streak = game.admin.streaks().put("daily", StreakDefinition.builder(StreakDefinition.Period.DAILY)
                .names(names).descriptions(descriptions).condition("lessons").build());
        Leaderboard board = game.admin.leaderboards().put("top", LeaderboardDefinition.builder(RankBy.points("xp"))
                .names(names).build());
        TeamLeaderboard teams = game.admin.teamLeaderboards().put("teams",
                TeamLeaderboardDefinition.builder(RankBy.metric("lessons")).names(names).build());
        RewardRule reward = game.admin.rewards().put("sticker", RewardDefinition.builder("xp", 5)
                .names(names).description("A sticker").imageUrl(BADGE).build());

        assertThat(game.server.metrics().get("lessons").names()).containsExactly(entry("en", "Lessons"),
                entry("fr", "Leçons"));
        assertThat(game.server.pointsSystems().get("xp").names()).containsEntry("fr", "Expérience");
        assertThat(game.server.streaks().get("daily").definition()).isEqualTo(streak.definition());
        assertThat(streak.descriptions()).isEqualTo(descriptions);
        assertThat(game.server.leaderboards().get("top").names()).isEqualTo(names);
        assertThat(board.description()).isNull();
        assertThat(game.server.teamLeaderboards().get("teams").names()).isEqualTo(names);
        assertThat(teams.name()).isEqualTo("Daily lesson");
        assertThat(game.server.rewards().get("sticker")).satisfies(read -> {
            assertThat(read.names()).isEqualTo(names);
            assertThat(read.description()).isEqualTo("A sticker");
            assertThat(read.descriptions()).as("a plain description has no languages").isEmpty();
            assertThat(read.localizedDescription()).isEqualTo(LocalizedText.of("A sticker"));
            assertThat(read.imageUrl()).isEqualTo(BADGE);
        });
        assertThat(reward.definition().imageUrl()).isEqualTo(BADGE);
    }

    @Test
    void aUserWithTheLocaleFrIsAnsweredInFrenchWithThePictures() {
        User ada = game.server.users().put("ada", new UserProfile("Ada", null, null, "fr", null));
        assertThat(ada.locale()).isEqualTo("fr");
        assertThat(game.server.users().get("ada").locale()).isEqualTo("fr");

        EventAnswer answer = lesson(game.server, "ada");

        assertThat(answer.achievements()).singleElement().satisfies(unlock -> {
            assertThat(unlock.name()).isEqualTo("Première leçon");
            assertThat(unlock.imageUrl()).isEqualTo(BADGE);
        });
        assertThat(answer.levels()).singleElement().satisfies(change -> {
            assertThat(change.previous()).isEqualTo(new LevelReached(1, "Débutant", null));
            assertThat(change.current()).isEqualTo(new LevelReached(2, "Érudit", SCHOLAR));
        });
        Progress progress = game.server.users().progress("ada");
        assertThat(progress.metrics()).singleElement().satisfies(metric -> assertThat(metric.name()).isEqualTo("Leçons"));
        assertThat(progress.points()).containsExactly(new Progress.PointsProgress("xp", "Expérience", 10,
                new LevelReached(2, "Érudit", SCHOLAR), new Progress.NextLevel(3, "Maître", null, 100, 90)));
        assertThat(progress.achievements()).singleElement().satisfies(achievement -> {
            assertThat(achievement.name()).isEqualTo("Première leçon");
            assertThat(achievement.description()).isEqualTo("Terminez votre première leçon");
            assertThat(achievement.imageUrl()).isEqualTo(BADGE);
        });
    }

    @Test
    void anEventsProfileChangesSetTheLocaleItIsAnsweredIn() {
        EventAnswer answer = game.server.events().send(Event.builder("lessons").userId("bea").value(1)
                .user(ProfileChanges.builder().locale("pt-br").build()).build());

        assertThat(answer.achievements()).singleElement()
                .satisfies(unlock -> assertThat(unlock.name()).isEqualTo("Primeira lição"));
        assertThat(game.server.users().get("bea").locale()).as("canonical form").isEqualTo("pt-BR");
        assertThatThrownBy(() -> game.server.users().put("bea", new UserProfile(null, null, null, "english!", null)))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.field()).hasValue("locale");
                });
    }

    @Test
    void aClientAskingForFrenchGetsFrenchForAUserWithoutALocaleOfTheirOwn() {
        LudusClient french = Game.builder(shared.ludus(), game.app).acceptLanguage("fr, en;q=0.5").build();
        game.server.users().put("eve", new UserProfile("Eve", null, null, "en", null));

        assertThat(lesson(french, "cy").achievements()).singleElement()
                .satisfies(unlock -> assertThat(unlock.name()).isEqualTo("Première leçon"));
        assertThat(lesson(game.server, "dan").achievements()).as("without the header: the default language")
                .singleElement().satisfies(unlock -> assertThat(unlock.name()).isEqualTo("First lesson"));
        assertThat(lesson(french, "eve").achievements()).as("the user's own locale comes first")
                .singleElement().satisfies(unlock -> assertThat(unlock.name()).isEqualTo("First lesson"));
        assertThat(french.asUser("cy").users().progress("me").points()).singleElement()
                .satisfies(points -> assertThat(points.level().name()).isEqualTo("Érudit"));
        assertThat(french.achievements().get("first_lesson").names()).as("definitions keep every language")
                .containsKeys("en", "fr", "pt-BR");
    }

    @Test
    void theApplicationsDefaultLanguageIsReadAndChangedAndAnswersFallBackToIt() {
        assertThat(game.admin.application().get().defaultLanguage()).isEqualTo("en");

        Application changed = game.admin.application().update(ApplicationChanges.builder().defaultLanguage("fr")
                .build());
        game.server.users().put("gus", new UserProfile("Gus", null, null, "de", null));

        assertThat(changed.defaultLanguage()).isEqualTo("fr");
        assertThat(game.admin.application().get().defaultLanguage()).isEqualTo("fr");
        assertThat(lesson(game.server, "fay").achievements()).singleElement()
                .satisfies(unlock -> assertThat(unlock.name()).isEqualTo("Première leçon"));
        assertThat(lesson(game.server, "gus").achievements()).as("no German: the default language")
                .singleElement().satisfies(unlock -> assertThat(unlock.name()).isEqualTo("Première leçon"));
        assertThatThrownBy(() -> game.admin.application().update(ApplicationChanges.builder()
                .defaultLanguage("english!").build()))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.field()).hasValue("default_language");
                });
    }

    @Test
    void aQuestsNameAndPictureAreAnsweredInTheUsersLanguage() {
        Quest quest = game.admin.quests().put("daily_lesson", QuestDefinition.builder(QuestDefinition.Window.daily())
                .names(texts("en", "Daily lesson", "fr", "Leçon du jour"))
                .descriptions(texts("en", "One lesson today", "fr", "Une leçon aujourd'hui"))
                .imageUrl(QUEST)
                .metricStep("one", "lessons", BigDecimal.ONE)
                .build());
        game.server.users().put("ada", new UserProfile("Ada", null, null, "fr", null));

        EventAnswer answer = lesson(game.server, "ada");

        assertThat(quest.imageUrl()).isEqualTo(QUEST);
        assertThat(quest.names()).containsExactly(entry("en", "Daily lesson"), entry("fr", "Leçon du jour"));
        assertThat(answer.quests()).isNotEmpty().allSatisfy(change -> {
            assertThat(change.name()).isEqualTo("Leçon du jour");
            assertThat(change.imageUrl()).isEqualTo(QUEST);
        });
        assertThat(game.server.users().quests("ada").quests()).singleElement().satisfies(standing -> {
            assertThat(standing.name()).isEqualTo("Leçon du jour");
            assertThat(standing.description()).isEqualTo("Une leçon aujourd'hui");
            assertThat(standing.imageUrl()).isEqualTo(QUEST);
        });
    }

    @Test
    void aPictureThatIsNotHttpsIsRefusedNamingTheMember() {
        assertThatThrownBy(() -> game.admin.achievements().put("plain", AchievementDefinition.builder(
                AchievementTrigger.api()).name("Plain").imageUrl("http://cdn.example.com/plain.png").build()))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.field()).hasValue("image_url");
                });
    }

    private static EventAnswer lesson(LudusClient client, String userId) {
        return client.events().send(Event.builder("lessons").userId(userId).value(1).build());
    }

    /** Texts by language tag, in the order given: {@code texts("en", "Lessons", "fr", "Leçons")}. */
    private static Map<String, String> texts(String... tagsAndTexts) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (int i = 0; i < tagsAndTexts.length; i += 2) {
            texts.put(tagsAndTexts[i], tagsAndTexts[i + 1]);
        }
        return texts;
    }
}
