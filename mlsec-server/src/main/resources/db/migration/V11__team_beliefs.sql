-- The team's mental model: what each member worries about and which controls they believe stop
-- which threats, recorded by each member for themselves. Mapped onto the catalog when shown.
create table belief (
  id          bigserial primary key,
  project_id  bigint not null references project(id) on delete cascade,
  member      text not null,
  concern     text,   -- a worry in the member's words, or null
  control     text,   -- a control id (catalog or custom:) the member believes stops threat
  threat      text,   -- a threat or family id
  created_at  timestamptz not null default now(),
  check ((concern is not null and control is null and threat is null)
      or (concern is null and control is not null and threat is not null))
);
create index belief_project on belief(project_id, member);
