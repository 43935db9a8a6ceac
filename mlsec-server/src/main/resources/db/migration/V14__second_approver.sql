-- Accepting a finding at or above the server's --second-approval severity waits here until a
-- second, different user approves it; only then is it the decision in force.
create table pending_decision (
  project_id   bigint not null references project(id),
  fingerprint  text not null,
  state        text not null check (state = 'accepted'),
  reason       text not null,
  owner        text not null,
  expires      date,
  requested_by text not null,
  requested_at timestamptz not null default now(),
  primary key (project_id, fingerprint)
);
alter table decision add column approved_by text;
