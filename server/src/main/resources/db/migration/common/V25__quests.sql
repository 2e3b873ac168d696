-- Quests (issue 20): a quest is a rule (kind 'quest' in the rules table); here are each user's
-- standing per quest and the history of the windows that ended (completed or expired).
-- state is the JSON of dev.ludus.engine.QuestState (window, progress per step, steps done, status,
-- when an opt-in quest was joined). Instants are epoch milliseconds.
CREATE TABLE user_quests (
    application_id  VARCHAR(40)  NOT NULL,
    user_id         VARCHAR(255) NOT NULL,
    quest           VARCHAR(64)  NOT NULL,
    state           TEXT         NOT NULL,
    updated_at      BIGINT       NOT NULL,
    PRIMARY KEY (application_id, user_id, quest),
    FOREIGN KEY (application_id, user_id) REFERENCES users (application_id, user_id) ON DELETE CASCADE
);

-- status: completed (every step; completed_at is when) or expired (the window ended first).
-- steps_done of steps were complete; steps is the quest's number of steps then.
CREATE TABLE quest_history (
    application_id  VARCHAR(40)  NOT NULL,
    user_id         VARCHAR(255) NOT NULL,
    quest           VARCHAR(64)  NOT NULL,
    window_start    BIGINT       NOT NULL,
    window_end      BIGINT       NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    steps_done      INTEGER      NOT NULL,
    steps           INTEGER      NOT NULL,
    completed_at    BIGINT,
    recorded_at     BIGINT       NOT NULL,
    PRIMARY KEY (application_id, user_id, quest, window_start),
    FOREIGN KEY (application_id, user_id) REFERENCES users (application_id, user_id) ON DELETE CASCADE
);

CREATE INDEX quest_history_recorded ON quest_history (application_id, user_id, recorded_at);

-- Team quests: what each team's members added to each step in a window, in shards as the team
-- leaderboards' scores (V24): each event writer adds a batch's sums to its own shard; readers sum them.
-- total is in micros (the metric's amounts). window_start identifies the window (epoch milliseconds).
CREATE TABLE team_quest_progress (
    application_id  VARCHAR(40)  NOT NULL,
    quest           VARCHAR(64)  NOT NULL,
    window_start    BIGINT       NOT NULL,
    team_id         VARCHAR(255) NOT NULL,
    step            VARCHAR(64)  NOT NULL,
    shard           INTEGER      NOT NULL,
    total           BIGINT       NOT NULL,
    PRIMARY KEY (application_id, quest, window_start, team_id, step, shard)
);

-- A team quest completed by a team in a window: the row is the claim, inserted once (the first
-- check that sees every step reached wins), after which the members are paid the prize.
CREATE TABLE team_quest_completions (
    application_id  VARCHAR(40)  NOT NULL,
    quest           VARCHAR(64)  NOT NULL,
    window_start    BIGINT       NOT NULL,
    team_id         VARCHAR(255) NOT NULL,
    window_end      BIGINT       NOT NULL,
    completed_at    BIGINT       NOT NULL,
    members         INTEGER      NOT NULL,
    PRIMARY KEY (application_id, quest, window_start, team_id)
);
