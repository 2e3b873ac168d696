package dev.ludus;

import dev.ludus.accounts.AccountService;
import dev.ludus.accounts.SessionService;
import dev.ludus.accounts.SignInThrottle;
import dev.ludus.console.Assets;
import dev.ludus.console.AuditPages;
import dev.ludus.console.Console;
import dev.ludus.console.DashboardPages;
import dev.ludus.console.LivePages;
import dev.ludus.console.ConsoleFilter;
import dev.ludus.console.HomeRoutes;
import dev.ludus.console.LeaderboardPages;
import dev.ludus.console.OperatorPages;
import dev.ludus.console.OwnAccountRoutes;
import dev.ludus.console.Pages;
import dev.ludus.console.RuleFormPages;
import dev.ludus.console.RulePages;
import dev.ludus.console.RuleSection;
import dev.ludus.console.RulesFilePages;
import dev.ludus.console.SignInRoutes;
import dev.ludus.console.UserActions;
import dev.ludus.console.UserPages;
import dev.ludus.console.Views;
import dev.ludus.console.WebhookPages;
import dev.ludus.http.RouteTable;
import dev.ludus.rules.RuleService;
import dev.ludus.live.LiveFeed;
import dev.ludus.stats.Stats;
import dev.ludus.rulesfile.RulesDocument;
import java.util.List;
import java.util.function.Consumer;

/**
 * The web console: accounts and their sessions, the filter that guards {@code /console}, and the pages,
 * which call the same services as the API.
 */
record ConsoleFeature(AccountService accounts, ConsoleFilter filter, List<Consumer<RouteTable>> routes) {

    static ConsoleFeature assemble(Platform platform, AccessFeature access, RuleService rules, EventFeature events,
            LeaderboardFeature leaderboards, WebhookFeature webhooks, LiveFeed live, Stats stats) {
        var jdbi = platform.jdbi();
        var clock = platform.clock();
        AccountService accounts = new AccountService(jdbi, access.tenancy(), clock);
        SessionService sessions = new SessionService(jdbi, clock);
        Views views = new Views();
        SignInThrottle throttle = new SignInThrottle(jdbi, clock);
        Console console = new Console(access.tenancy(), views);
        UserPages userPages = new UserPages(console, events.users(), events.progress(), leaderboards.queries(), rules,
                platform.secrets());
        OperatorPages operator = new OperatorPages(console, platform.json(), access.revocations(), access.signingKeys(),
                accounts, clock);
        RuleSection ruleSection = new RuleSection(rules, platform.json());
        List<Consumer<Pages>> pages = List.of(
                new Assets()::register,
                new SignInRoutes(accounts, sessions, throttle, access.operatorKey(), platform.secrets(), views)::register,
                new OwnAccountRoutes(accounts, throttle, views)::register,
                new HomeRoutes(console, operator::home)::register,
                operator::register,
                new UserActions(console, userPages, events.events(), events.progress())::register,
                userPages::register,
                new AuditPages(console, jdbi)::register,
                new RulePages(console, ruleSection)::register,
                new RuleFormPages(console, ruleSection)::register,
                new RulesFilePages(console, new RulesDocument(rules, access.tenancy()))::register,
                new LivePages(console, live)::register,
                new DashboardPages(console, stats, rules, access.tenancy(), jdbi, platform.json(), events.progress(),
                        clock)::register,
                WebhookPages.routes(console, webhooks.webhooks(), platform.json()),
                new LeaderboardPages(console, leaderboards.queries(), rules, clock)::register,
                Pages::notFoundLast);
        return new ConsoleFeature(accounts, new ConsoleFilter(sessions, accounts, views),
                List.of(table -> pages.forEach(page -> page.accept(new Pages(table, views)))));
    }
}
