-- mlsec server schema. One dialect: PostgreSQL 14 or newer.

create table project (
  id          bigserial primary key,
  name        text not null unique check (length(name) between 1 and 200),
  latest_version bigint,
  created_at  timestamptz not null default now()
);

-- One row per distinct upload of a project: the analysis JSON as the CLI wrote it and the
-- workflow source it came from. The same content again is the same version.
create table version (
  id            bigserial primary key,
  project_id    bigint not null references project(id),
  number        integer not null,
  content_hash  text not null,
  analysis      text not null,
  workflow      text not null,
  file_name     text not null,
  tool_version  text not null,
  catalog_version text not null,
  git_commit    text,
  git_branch    text,
  uploaded_by   text not null,
  uploaded_at   timestamptz not null default now(),
  unique (project_id, number),
  unique (project_id, content_hash)
);

create table finding (
  version_id  bigint not null references version(id),
  fingerprint text not null,
  threat      text not null,
  title       text not null,
  class       text not null,
  component   text not null, -- or the flow, from->to
  severity    text not null,
  status      text not null,
  primary key (version_id, fingerprint)
);

-- The decision in force per finding of a project; its history is in audit.
create table decision (
  project_id  bigint not null references project(id),
  fingerprint text not null,
  state       text not null check (state in ('accepted', 'mitigated', 'false-positive', 'in-progress')),
  reason      text not null,
  owner       text not null,
  expires     date,
  decided_by  text not null,
  decided_at  timestamptz not null default now(),
  primary key (project_id, fingerprint)
);

create table audit (
  id          bigserial primary key,
  at          timestamptz not null default now(),
  actor       text not null,
  project_id  bigint references project(id),
  action      text not null,
  subject     text not null,
  before      text,
  after       text
);

-- Audit rows are append-only: the database itself refuses to change or remove one.
create function audit_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit rows are append-only';
end $$;
create trigger audit_no_update before update or delete on audit
  for each row execute function audit_append_only();

-- API tokens: only a SHA-256 of the (random, 256-bit) token is kept. project is null for admin.
create table api_token (
  id          bigserial primary key,
  hash        text not null unique,
  project     text,
  role        text not null check (role in ('admin', 'editor', 'uploader', 'viewer')),
  expires     date,
  created_by  text not null,
  created_at  timestamptz not null default now()
);

create table app_user (
  id            bigserial primary key,
  name          text not null unique,
  password_hash text not null,
  admin         boolean not null default false,
  created_at    timestamptz not null default now()
);

create table membership (
  user_id  bigint not null references app_user(id),
  project  text not null,
  role     text not null check (role in ('admin', 'editor', 'viewer')),
  primary key (user_id, project)
);

create table session (
  hash     text primary key,
  user_id  bigint not null references app_user(id),
  csrf     text not null,
  expires  timestamptz not null
);

-- The one-time setup secret printed on a first start without MLSEC_ADMIN_TOKEN.
create table setup_secret (
  hash     text primary key,
  used     boolean not null default false
);

create index version_project on version(project_id, number desc);
