-- A project's team and tags, by which the portfolio filters and groups. The team follows the
-- latest upload's workflow `owner` until an editor sets it through the API (then it stays as set
-- until cleared); tags are set through the API only (the workflow format has none).
alter table project add column team text check (length(team) between 1 and 200);
alter table project add column team_from_workflow boolean not null default true;
alter table project add column tags text[] not null default '{}' check (cardinality(tags) <= 20);
create index project_team on project(team);
