-- The portfolio's line per project, kept by the transactions that change it (upload, decision,
-- retention, and the read that finds a decision expired since it was computed), so the portfolio
-- reads one row per project instead of counting every latest version's findings per request.
create table project_summary (
  project_id        bigint primary key references project(id) on delete cascade,
  latest_number     integer not null,
  last_upload       timestamptz not null,
  open_by_severity  integer[] not null, -- critical, high, medium, low, info
  open_by_class     integer[] not null, -- ml-specific, ml-amplified, conventional
  worst_fingerprint text,               -- the worst open finding (null: none open)
  worst_threat      text,
  worst_title       text,
  worst_class       text,
  worst_component   text,
  worst_severity    text,
  worst_status      text,
  trend             integer[] not null, -- per version of the last 8, oldest first: number, then
                                        -- its open findings by severity (a 2-dimensional array)
  -- the days for which these counts hold: no decision of the project expires between them
  valid_from        date not null,
  valid_to          date not null
);

-- Recomputes one project's line as of day `today`, under the project's row lock (so the last of
-- two concurrent writers recomputes after the other committed). The rule for an open finding is
-- TrackedFinding.open(): the decision in force (not expired on `today`), else the analysis' status.
create function project_summary_refresh(pid bigint, today date) returns void
language plpgsql as $$
begin
  perform 1 from project where id = pid for update;
  delete from project_summary where project_id = pid;
  insert into project_summary(project_id, latest_number, last_upload, open_by_severity,
      open_by_class, worst_fingerprint, worst_threat, worst_title, worst_class, worst_component,
      worst_severity, worst_status, trend, valid_from, valid_to)
  with latest as (
    select v.id, v.number, v.uploaded_at from project p join version v on v.id = p.latest_version
    where p.id = pid),
  recent as (
    select v.id, v.number from version v, latest l
    where v.project_id = pid and v.number > l.number - 8),
  decided as (
    select fingerprint, state from decision
    where project_id = pid and (expires is null or expires >= today)),
  open as (
    select f.* from recent r join finding f on f.version_id = r.id
    left join decided d on d.fingerprint = f.fingerprint
    where coalesce(d.state, f.status) in ('open', 'conditional', 'in-progress')),
  counts as (
    select r.id, r.number,
      array[count(o.fingerprint) filter (where o.severity = 'critical'),
            count(o.fingerprint) filter (where o.severity = 'high'),
            count(o.fingerprint) filter (where o.severity = 'medium'),
            count(o.fingerprint) filter (where o.severity = 'low'),
            count(o.fingerprint) filter (where o.severity = 'info')]::integer[] as by_severity,
      array[count(o.fingerprint) filter (where o.class = 'ml-specific'),
            count(o.fingerprint) filter (where o.class = 'ml-amplified'),
            count(o.fingerprint) filter (where o.class = 'conventional')]::integer[] as by_class
    from recent r left join open o on o.version_id = r.id group by r.id, r.number),
  worst as (
    -- Store.WORST_FIRST: most severe, then by fingerprint
    select o.* from open o join latest l on o.version_id = l.id
    order by array_position(array['critical', 'high', 'medium', 'low', 'info'], o.severity),
      o.fingerprint collate "C"
    limit 1)
  select pid, l.number, l.uploaded_at, c.by_severity, c.by_class, w.fingerprint, w.threat,
    w.title, w.class, w.component, w.severity, w.status,
    (select array_agg(array[t.number] || t.by_severity order by t.number) from counts t),
    coalesce((select max(expires) + 1 from decision where project_id = pid and expires < today),
      '-infinity'),
    coalesce((select min(expires) from decision where project_id = pid and expires >= today),
      'infinity')
  from latest l join counts c on c.id = l.id left join worst w on true;
end $$;

select project_summary_refresh(id, current_date) from project order by id;
