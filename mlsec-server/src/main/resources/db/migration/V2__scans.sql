-- Scan results (`mlsec scan --format json`), each attached to the version that was the project's
-- latest when it arrived. The same report again on the same version is the same scan.
create table scan (
  id            bigserial primary key,
  version_id    bigint not null references version(id),
  content_hash  text not null,
  report        text not null,
  files         integer not null,
  clean         integer not null,
  suspicious    integer not null,
  malicious     integer not null,
  inconclusive  integer not null,
  git_commit    text,
  git_branch    text,
  uploaded_by   text not null,
  uploaded_at   timestamptz not null default now(),
  unique (version_id, content_hash)
);
