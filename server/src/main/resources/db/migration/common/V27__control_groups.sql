-- Control groups (issue 21): the share of an application's users (0 to 100 percent) held out of the
-- game's feedback; which users is decided by hashing their ids (dev.ludus.engine.ControlGroup).
ALTER TABLE applications ADD COLUMN control_group_percent INTEGER NOT NULL DEFAULT 0;
