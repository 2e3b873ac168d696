-- Teams (issue 20): an application's teams and their members. A user may be in several teams, at
-- most the application's max_teams_per_user. Deleting a team or a user deletes their memberships.
CREATE TABLE teams (
    application_id  VARCHAR(40)  NOT NULL REFERENCES applications (id),
    team_id         VARCHAR(255) NOT NULL,
    name            VARCHAR(200) NOT NULL,
    attributes      TEXT         NOT NULL,
    created_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL,
    PRIMARY KEY (application_id, team_id)
);

CREATE TABLE team_members (
    application_id  VARCHAR(40)  NOT NULL,
    team_id         VARCHAR(255) NOT NULL,
    user_id         VARCHAR(255) NOT NULL,
    joined_at       BIGINT       NOT NULL,
    PRIMARY KEY (application_id, team_id, user_id),
    FOREIGN KEY (application_id, team_id) REFERENCES teams (application_id, team_id) ON DELETE CASCADE,
    FOREIGN KEY (application_id, user_id) REFERENCES users (application_id, user_id) ON DELETE CASCADE
);

CREATE INDEX team_members_user ON team_members (application_id, user_id, team_id);

ALTER TABLE applications ADD COLUMN max_teams_per_user INTEGER NOT NULL DEFAULT 10;

-- Team leaderboards: what each team's members contributed, per board and period ('all' for an
-- all-time board); an amount in micros for a metric board, in points for a points board. No foreign
-- key to teams: an event's write must not fail because a team of its user was deleted meanwhile
-- (deleting a team deletes its rows; readers join teams, so a row left by such a race is not shown).
CREATE TABLE team_board_scores (
    application_id  VARCHAR(40)  NOT NULL,
    board           VARCHAR(64)  NOT NULL,
    period          VARCHAR(16)  NOT NULL,
    team_id         VARCHAR(255) NOT NULL,
    score           BIGINT       NOT NULL,
    PRIMARY KEY (application_id, board, period, team_id)
);
