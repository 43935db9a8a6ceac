package dev.mlsec.server.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlsec.server.HttpError;
import dev.mlsec.server.auth.Principal;
import dev.mlsec.server.auth.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Everything the server keeps, through JDBI with bound parameters only (no SQL is ever built from a
 * request). Each write is one transaction; a caller acknowledges only after it returned.
 */
public final class Store {
  public static final List<String> SEVERITIES =
      List.of("critical", "high", "medium", "low", "info");
  public static final List<String> CLASSES = List.of("ml-specific", "ml-amplified", "conventional");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Jdbi jdbi;
  private final String secondApprovalFrom;

  public Store(Jdbi jdbi) {
    this(jdbi, null);
  }

  /**
   * A store where accepting a finding of {@code secondApprovalFrom} or worse (a severity id, null:
   * never) needs a second, different user's approval.
   */
  public Store(Jdbi jdbi, String secondApprovalFrom) {
    if (secondApprovalFrom != null && !SEVERITIES.contains(secondApprovalFrom))
      throw new IllegalArgumentException("no severity " + secondApprovalFrom);
    this.jdbi = jdbi;
    this.secondApprovalFrom = secondApprovalFrom;
  }

  /** The database, for the read models that keep their own queries (portfolio views). */
  public Jdbi jdbi() {
    return jdbi;
  }

  /** The result of an upload: the version it is, and whether this upload created it. */
  public record Stored(String project, int version, boolean created) {}

  /**
   * Stores an upload in one transaction of four round trips: lock the project (creating it), look
   * for the same content and the next number, then one statement that writes the version, its
   * findings, the project's latest version and the audit row. Under load every round trip is a wait
   * for a core, so they are few (docs/performance.md, team server).
   */
  public Stored store(Upload u, String actor) {
    return store(u, actor, LocalDate.now(ZoneOffset.UTC));
  }

  /** Stores an upload; the project's portfolio line is recomputed as of {@code today}. */
  public Stored store(Upload u, String actor, LocalDate today) {
    return jdbi.inTransaction(
        h -> {
          // the upsert takes the project's row lock: uploads of one project are serialized, so
          // numbers stay dense and unique; the next statement's snapshot sees every earlier one
          long projectId =
              h.createQuery(
                      "insert into project(name, team) values (:n, :t) on conflict (name)"
                          // the workflow's owner is the team unless an editor set one
                          + " do update set team = case when project.team_from_workflow"
                          + " then excluded.team else project.team end returning id")
                  .bind("n", u.project())
                  .bind("t", u.team())
                  .mapTo(Long.class)
                  .one();
          String hash = u.contentHash();
          Object[] sameAndNext =
              h.createQuery(
                      "select (select number from version where project_id = :p"
                          + " and content_hash = :h) as same,"
                          + " (select coalesce(max(number), 0) + 1 from version"
                          + " where project_id = :p) as next,"
                          // for webhooks only: what the previous version had, what is decided
                          + " case when exists (select 1 from webhook w where w.project is null"
                          + " or w.project = :n) then array(select f.fingerprint from finding f"
                          + " join project p on f.version_id = p.latest_version where p.id = :p"
                          + " union select d.fingerprint from decision d where d.project_id = :p"
                          + " and d.state <> 'in-progress' and (d.expires is null"
                          + " or d.expires >= current_date)) end as known")
                  .bind("p", projectId)
                  .bind("h", hash)
                  .bind("n", u.project())
                  .map(
                      (rs, ctx) ->
                          new Object[] {
                            rs.getObject("same"),
                            rs.getInt("next"),
                            rs.getArray("known") == null
                                ? null
                                : (String[]) rs.getArray("known").getArray()
                          })
                  .one();
          if (sameAndNext[0] != null)
            return new Stored(u.project(), (Integer) sameAndNext[0], false);
          int number = (Integer) sameAndNext[1];
          List<FindingRow> fs = u.findings();
          h.createUpdate(
                  "with v as (insert into version(project_id, number, content_hash, analysis,"
                      + " workflow, file_name, tool_version, catalog_version, git_commit,"
                      + " git_branch, uploaded_by)"
                      + " values (:p, :n, :h, :a, :w, :f, :tv, :cv, :gc, :gb, :by) returning id),"
                      + " f as (insert into finding(version_id, fingerprint, threat, title, class,"
                      + " component, severity, status) select v.id, x.* from v, unnest("
                      + "cast(:fp as text[]), cast(:t as text[]), cast(:ti as text[]),"
                      + " cast(:c as text[]), cast(:co as text[]), cast(:s as text[]),"
                      + " cast(:st as text[])) as x),"
                      + " u as (update project set latest_version = (select id from v)"
                      + " where id = :p)"
                      + " insert into audit(actor, project_id, action, subject)"
                      + " values (:by, :p, 'upload', :subject)")
              .bind("p", projectId)
              .bind("n", number)
              .bind("h", hash)
              .bind("a", u.analysis())
              .bind("w", u.workflow())
              .bind("f", u.fileName())
              .bind("tv", u.toolVersion())
              .bind("cv", u.catalogVersion())
              .bind("gc", u.gitCommit())
              .bind("gb", u.gitBranch())
              .bind("by", actor)
              .bind("subject", "version " + number)
              .bindArray("fp", String.class, fs.stream().map(FindingRow::fingerprint).toList())
              .bindArray("t", String.class, fs.stream().map(FindingRow::threat).toList())
              .bindArray("ti", String.class, fs.stream().map(FindingRow::title).toList())
              .bindArray("c", String.class, fs.stream().map(FindingRow::klass).toList())
              .bindArray("co", String.class, fs.stream().map(FindingRow::component).toList())
              .bindArray("s", String.class, fs.stream().map(FindingRow::severity).toList())
              .bindArray("st", String.class, fs.stream().map(FindingRow::status).toList())
              .execute();
          Portfolio.refresh(h, projectId, today);
          if (sameAndNext[2] != null) {
            java.util.Set<String> known =
                new java.util.HashSet<>(java.util.Arrays.asList((String[]) sameAndNext[2]));
            List<FindingRow> fresh =
                fs.stream()
                    .filter(f -> Outbox.ALERTING.contains(f.severity()))
                    .filter(f -> TrackedFinding.ACTIONABLE.contains(f.status()))
                    .filter(f -> !known.contains(f.fingerprint()))
                    .toList();
            if (!fresh.isEmpty()) Outbox.newFindings(h, u.project(), number, fresh);
          }
          return new Stored(u.project(), number, true);
        });
  }

  /** The retention rule's executor. */
  public Retention retention() {
    return new Retention(jdbi);
  }

  /** The sweep that reopens the findings of expired decisions. */
  public Expiry expiry() {
    return new Expiry(jdbi);
  }

  /** The webhooks and their outbox. */
  public Outbox outbox() {
    return new Outbox(jdbi);
  }

  /** The result of a scan upload: the version it is attached to, and whether it is new. */
  public record StoredScan(String project, int version, boolean created) {}

  /**
   * Attaches a scan to the project's latest version, with its audit row, in one transaction. The
   * same report again on the same version is the same scan; a project without a version is 404.
   */
  public StoredScan storeScan(String project, ScanUpload s, String actor) {
    return jdbi.inTransaction(
        h -> {
          // the project's row lock: the latest version cannot change under this scan
          Object[] latest =
              h.createQuery(
                      "select p.id, v.id as version_id, v.number from project p"
                          + " join version v on v.id = p.latest_version where p.name = :n"
                          + " for update of p")
                  .bind("n", project)
                  .map(
                      (rs, ctx) ->
                          new Object[] {
                            rs.getLong("id"), rs.getLong("version_id"), rs.getInt("number")
                          })
                  .findOne()
                  .orElseThrow(
                      () ->
                          HttpError.notFound(
                              "project " + project + " has no version: upload its analysis first"));
          int number = (Integer) latest[2];
          int inserted =
              h.createUpdate(
                      "insert into scan(version_id, content_hash, report, files, clean, suspicious,"
                          + " malicious, inconclusive, git_commit, git_branch, uploaded_by)"
                          + " values (:v, :h, :r, :f, :c, :s, :m, :i, :gc, :gb, :by)"
                          + " on conflict (version_id, content_hash) do nothing")
                  .bind("v", (Long) latest[1])
                  .bind("h", s.contentHash())
                  .bind("r", s.report())
                  .bind("f", s.files())
                  .bind("c", s.verdicts().get("clean"))
                  .bind("s", s.verdicts().get("suspicious"))
                  .bind("m", s.verdicts().get("malicious"))
                  .bind("i", s.verdicts().get("inconclusive"))
                  .bind("gc", s.gitCommit())
                  .bind("gb", s.gitBranch())
                  .bind("by", actor)
                  .execute();
          if (inserted == 0) return new StoredScan(project, number, false);
          audit(
              h,
              actor,
              (Long) latest[0],
              "scan",
              "version " + number,
              null,
              s.files() + " files, " + s.verdicts().get("malicious") + " malicious");
          return new StoredScan(project, number, true);
        });
  }

  /** The scans of one version, oldest first. */
  public List<ScanRow> scans(String project, int number) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select s.uploaded_at, s.uploaded_by, s.git_commit, s.git_branch, s.clean,"
                        + " s.suspicious, s.malicious, s.inconclusive, s.report from scan s"
                        + " join version v on v.id = s.version_id"
                        + " join project p on p.id = v.project_id"
                        + " where p.name = :n and v.number = :v order by s.id")
                .bind("n", project)
                .bind("v", number)
                .map(
                    (rs, ctx) -> {
                      Map<String, Integer> verdicts = new LinkedHashMap<>();
                      for (String v : ScanUpload.VERDICTS) verdicts.put(v, rs.getInt(v));
                      return new ScanRow(
                          rs.getRow(),
                          instant(rs, "uploaded_at"),
                          rs.getString("uploaded_by"),
                          rs.getString("git_commit"),
                          rs.getString("git_branch"),
                          verdicts,
                          rs.getString("report"));
                    })
                .list());
  }

  /** The portfolio, one page at a time, from each project's summary row. */
  public Portfolio portfolio() {
    return new Portfolio(jdbi);
  }

  /** Most severe first, then by fingerprint: the order of every finding list. */
  public static final Comparator<FindingRow> WORST_FIRST =
      Comparator.comparingInt((FindingRow f) -> SEVERITIES.indexOf(f.severity()))
          .thenComparing(FindingRow::fingerprint);

  /** Whether the database answers. */
  public boolean ping() {
    try {
      return jdbi.withHandle(h -> h.createQuery("select 1").mapTo(Integer.class).one() == 1);
    } catch (RuntimeException e) {
      return false;
    }
  }

  public boolean exists(String project) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select count(*) from project where name = :n")
                    .bind("n", project)
                    .mapTo(Integer.class)
                    .one()
                > 0);
  }

  public List<VersionInfo> versions(String project) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select v.number, v.uploaded_at, v.uploaded_by, v.file_name, v.tool_version,"
                        + " v.catalog_version, v.git_commit, v.git_branch,"
                        + " (select count(*) from finding f where f.version_id = v.id) as n"
                        + " from version v join project p on p.id = v.project_id"
                        + " where p.name = :n order by v.number desc")
                .bind("n", project)
                .map(
                    (rs, ctx) ->
                        new VersionInfo(
                            rs.getInt("number"),
                            instant(rs, "uploaded_at"),
                            rs.getString("uploaded_by"),
                            rs.getString("file_name"),
                            rs.getString("tool_version"),
                            rs.getString("catalog_version"),
                            rs.getString("git_commit"),
                            rs.getString("git_branch"),
                            rs.getInt("n")))
                .list());
  }

  /** The stored upload of one version: the analysis JSON and workflow source as sent. */
  public record StoredVersion(
      int number, String analysis, String workflow, String fileName, Instant uploadedAt) {}

  public Optional<StoredVersion> version(String project, int number) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select v.number, v.analysis, v.workflow, v.file_name, v.uploaded_at"
                        + " from version v join project p on p.id = v.project_id"
                        + " where p.name = :n and v.number = :v")
                .bind("n", project)
                .bind("v", number)
                .map(
                    (rs, ctx) ->
                        new StoredVersion(
                            rs.getInt("number"),
                            rs.getString("analysis"),
                            rs.getString("workflow"),
                            rs.getString("file_name"),
                            instant(rs, "uploaded_at")))
                .findOne());
  }

  public boolean hasVersion(String project, int number) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                        "select count(*) from version v join project p on p.id = v.project_id"
                            + " where p.name = :n and v.number = :v")
                    .bind("n", project)
                    .bind("v", number)
                    .mapTo(Integer.class)
                    .one()
                > 0);
  }

  /** The findings of one version with the project's decisions applied, worst first. */
  public List<TrackedFinding> findings(String project, int number, LocalDate today) {
    return jdbi.withHandle(
        h ->
            h
                .createQuery(
                    "select f.fingerprint, f.threat, f.title, f.class, f.component, f.severity,"
                        + " f.status, d.state, d.reason, d.owner, d.expires, d.decided_by,"
                        + " d.decided_at from finding f join version v on v.id = f.version_id"
                        + " join project p on p.id = v.project_id"
                        + " left join decision d on d.project_id = p.id"
                        + " and d.fingerprint = f.fingerprint"
                        + " where p.name = :n and v.number = :v")
                .bind("n", project)
                .bind("v", number)
                .map((rs, ctx) -> new TrackedFinding(finding(rs), decision(rs), today))
                .list()
                .stream()
                .sorted(Comparator.comparing(TrackedFinding::finding, WORST_FIRST))
                .toList());
  }

  public Optional<Integer> latest(String project) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select v.number from project p join version v on v.id = p.latest_version"
                        + " where p.name = :n")
                .bind("n", project)
                .mapTo(Integer.class)
                .findOne());
  }

  public Diff diff(String project, int from, int to) {
    LocalDate any = LocalDate.EPOCH;
    Map<String, FindingRow> a = byFingerprint(findings(project, from, any));
    Map<String, FindingRow> b = byFingerprint(findings(project, to, any));
    List<FindingRow> added = new ArrayList<>();
    List<Diff.Changed> changed = new ArrayList<>();
    for (FindingRow f : b.values()) {
      FindingRow old = a.get(f.fingerprint());
      if (old == null) added.add(f);
      else if (!old.severity().equals(f.severity())) changed.add(new Diff.Changed(old, f));
    }
    List<FindingRow> resolved =
        a.values().stream().filter(f -> !b.containsKey(f.fingerprint())).toList();
    return new Diff(from, to, added, resolved, changed);
  }

  private static Map<String, FindingRow> byFingerprint(List<TrackedFinding> list) {
    Map<String, FindingRow> m = new LinkedHashMap<>();
    for (TrackedFinding t : list) m.put(t.finding().fingerprint(), t.finding());
    return m;
  }

  // ---- triage

  public List<DecisionRecord> decisions(String project) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select d.fingerprint as d_fingerprint, d.state, d.reason, d.owner, d.expires,"
                        + " d.decided_by, d.decided_at from decision d"
                        + " join project p on p.id = d.project_id where p.name = :n"
                        + " order by d.fingerprint")
                .bind("n", project)
                .map((rs, ctx) -> decisionAt(rs, rs.getString("d_fingerprint")))
                .list());
  }

  /**
   * Records a decision (replacing the one in force) and its audit row in one transaction. The
   * finding must be one of the project's latest version.
   */
  public Decided decide(String project, DecisionRecord d) {
    return decide(project, d, LocalDate.now(ZoneOffset.UTC));
  }

  /**
   * What a decision request did: the decision now in force, or ({@code pending}) an acceptance that
   * waits for a second approver.
   */
  public record Decided(DecisionRecord decision, boolean pending) {}

  /** An acceptance waiting for a second approver. */
  public record PendingDecision(DecisionRecord request, String severity) {}

  /**
   * Records a decision and its audit row in one transaction; the finding must be in the project's
   * latest version. Accepting a finding at or above the second-approval severity only files the
   * request (its own audit row): it is in force once another user approves it ({@link #approve}).
   * The project's portfolio line is recomputed as of {@code today}.
   */
  public Decided decide(String project, DecisionRecord d, LocalDate today) {
    return jdbi.inTransaction(
        h -> {
          long projectId = lockProject(h, project);
          String severity =
              h.createQuery(
                      "select f.severity from finding f join project p"
                          + " on f.version_id = p.latest_version"
                          + " where p.id = :p and f.fingerprint = :fp")
                  .bind("p", projectId)
                  .bind("fp", d.finding())
                  .mapTo(String.class)
                  .findOne()
                  .orElseThrow(
                      () ->
                          HttpError.bad(
                              "finding "
                                  + d.finding()
                                  + " is not in the latest version of "
                                  + project));
          if (d.state().equals("accepted") && needsSecondApproval(severity)) {
            Optional<DecisionRecord> before = pending(h, projectId, d.finding());
            bound(
                    h.createUpdate(
                        "insert into pending_decision(project_id, fingerprint, state, reason, owner,"
                            + " expires, requested_by) values (:p, :fp, :s, :r, :o, :e, :by)"
                            + " on conflict (project_id, fingerprint) do update set"
                            + " reason = excluded.reason, owner = excluded.owner,"
                            + " expires = excluded.expires, requested_by = excluded.requested_by,"
                            + " requested_at = now()"),
                    projectId,
                    d)
                .execute();
            DecisionRecord request = pending(h, projectId, d.finding()).orElseThrow();
            audit(
                h,
                d.decidedBy(),
                projectId,
                "decision-requested",
                d.finding(),
                before.map(Store::json).orElse(null),
                json(request));
            return new Decided(request, true);
          }
          // any other decision settles the finding and withdraws a waiting acceptance
          h.createUpdate("delete from pending_decision where project_id = :p and fingerprint = :fp")
              .bind("p", projectId)
              .bind("fp", d.finding())
              .execute();
          return new Decided(enforce(h, projectId, d, null, "decision", today), false);
        });
  }

  /**
   * Approves a waiting acceptance: a user other than the one who asked makes it the decision in
   * force (audit row {@code decision-approved}, naming both). 404 when nothing waits, 403 for the
   * requester themselves.
   */
  public DecisionRecord approve(String project, String finding, String approver, LocalDate today) {
    return jdbi.inTransaction(
        h -> {
          long projectId = lockProject(h, project);
          DecisionRecord request =
              pending(h, projectId, finding)
                  .orElseThrow(
                      () ->
                          HttpError.notFound(
                              "no acceptance of " + finding + " waits for approval"));
          if (request.decidedBy().equals(approver))
            throw new HttpError(
                403, "a second, different user must approve what " + approver + " asked for");
          h.createUpdate("delete from pending_decision where project_id = :p and fingerprint = :fp")
              .bind("p", projectId)
              .bind("fp", finding)
              .execute();
          return enforce(h, projectId, request, approver, "decision-approved", today);
        });
  }

  /** The acceptances of a project that wait for a second approver, by finding. */
  public List<PendingDecision> pending(String project) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select d.fingerprint as d_fingerprint, d.state, d.reason, d.owner, d.expires,"
                        + " d.requested_by as decided_by, d.requested_at as decided_at,"
                        + " (select f.severity from finding f where f.version_id = p.latest_version"
                        + " and f.fingerprint = d.fingerprint) as severity"
                        + " from pending_decision d join project p on p.id = d.project_id"
                        + " where p.name = :n order by d.fingerprint")
                .bind("n", project)
                .map(
                    (rs, ctx) ->
                        new PendingDecision(
                            decisionAt(rs, rs.getString("d_fingerprint")),
                            rs.getString("severity")))
                .list());
  }

  /** Whether accepting a finding of {@code severity} needs a second approver on this server. */
  public boolean needsSecondApproval(String severity) {
    return secondApprovalFrom != null
        && SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(secondApprovalFrom);
  }

  private static long lockProject(Handle h, String project) {
    return h.createQuery("select id from project where name = :n for update")
        .bind("n", project)
        .mapTo(Long.class)
        .findOne()
        .orElseThrow(() -> HttpError.notFound("no project " + project));
  }

  private static final String IN_FORCE =
      "select fingerprint as d_fingerprint, state, reason, owner, expires, decided_by, decided_at"
          + " from decision where project_id = :p and fingerprint = :fp";

  private static final String WAITING =
      "select fingerprint as d_fingerprint, state, reason, owner, expires,"
          + " requested_by as decided_by, requested_at as decided_at from pending_decision"
          + " where project_id = :p and fingerprint = :fp";

  private static Optional<DecisionRecord> pending(Handle h, long projectId, String finding) {
    return decisionIn(h, WAITING, projectId, finding);
  }

  private static Optional<DecisionRecord> decisionIn(
      Handle h, String query, long projectId, String finding) {
    return h.createQuery(query)
        .bind("p", projectId)
        .bind("fp", finding)
        .map((rs, ctx) -> decisionAt(rs, rs.getString("d_fingerprint")))
        .findOne();
  }

  /** Binds a decision's fields as :p, :fp, :s, :r, :o, :e and :by. */
  private static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bound(
      S statement, long projectId, DecisionRecord d) {
    return statement
        .bind("p", projectId)
        .bind("fp", d.finding())
        .bind("s", d.state())
        .bind("r", d.reason())
        .bind("o", d.owner())
        .bind("e", d.expires())
        .bind("by", d.decidedBy());
  }

  /** Makes {@code d} the decision in force, with its audit row and the portfolio line. */
  private static DecisionRecord enforce(
      Handle h, long projectId, DecisionRecord d, String approver, String action, LocalDate today) {
    Optional<DecisionRecord> before = decisionIn(h, IN_FORCE, projectId, d.finding());
    DecisionRecord stored =
        bound(
                h.createQuery(
                    "insert into decision(project_id, fingerprint, state, reason, owner, expires,"
                        + " decided_by, approved_by) values (:p, :fp, :s, :r, :o, :e, :by, :ap)"
                        + " on conflict (project_id, fingerprint) do update set"
                        + " state = excluded.state, reason = excluded.reason,"
                        + " owner = excluded.owner, expires = excluded.expires,"
                        + " decided_by = excluded.decided_by, approved_by = excluded.approved_by,"
                        + " decided_at = now()"
                        + " returning fingerprint as d_fingerprint, state, reason, owner,"
                        + " expires, decided_by, decided_at"),
                projectId,
                d)
            .bind("ap", approver)
            .map((rs, ctx) -> decisionAt(rs, rs.getString("d_fingerprint")))
            .one();
    String after = json(stored);
    if (approver != null) {
      ObjectNode n = (ObjectNode) readTree(after);
      n.put("approved-by", approver);
      after = n.toString();
    }
    audit(
        h,
        approver != null ? approver : d.decidedBy(),
        projectId,
        action,
        d.finding(),
        before.map(Store::json).orElse(null),
        after);
    Portfolio.refresh(h, projectId, today);
    return stored;
  }

  private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A project's team and tags; {@code fromWorkflow}: the team follows the workflow's owner. */
  public record Labels(String team, boolean fromWorkflow, List<String> tags) {}

  /**
   * Sets a project's team (null: follow the workflow's {@code owner} again, from the next upload)
   * and tags, with its audit row, in one transaction.
   */
  public Labels label(String project, String team, List<String> tags, String actor) {
    return jdbi.inTransaction(
        h -> {
          Object[] before =
              h.createQuery("select id, team, tags from project where name = :n for update")
                  .bind("n", project)
                  .map(
                      (rs, ctx) ->
                          new Object[] {
                            rs.getLong("id"),
                            rs.getString("team"),
                            List.of((String[]) rs.getArray("tags").getArray())
                          })
                  .findOne()
                  .orElseThrow(() -> HttpError.notFound("no project " + project));
          h.createUpdate(
                  "update project set team = coalesce(:t, team), team_from_workflow = :w,"
                      + " tags = :tags where id = :p")
              .bind("t", team)
              .bind("w", team == null)
              .bindArray("tags", String.class, tags)
              .bind("p", (Long) before[0])
              .execute();
          Labels after =
              new Labels(team != null ? team : (String) before[1], team == null, List.copyOf(tags));
          audit(
              h,
              actor,
              (Long) before[0],
              "labels",
              project,
              "team " + before[1] + ", tags " + before[2],
              "team "
                  + after.team()
                  + (team == null ? " (from the workflow)" : "")
                  + ", tags "
                  + after.tags());
          return after;
        });
  }

  public List<AuditRow> audit(String project, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select a.id, a.at, a.actor, a.action, a.subject, a.before, a.after"
                        + " from audit a join project p on p.id = a.project_id"
                        + " where p.name = :n order by a.id desc limit :l")
                .bind("n", project)
                .bind("l", limit)
                .map(
                    (rs, ctx) ->
                        new AuditRow(
                            rs.getLong("id"),
                            instant(rs, "at"),
                            rs.getString("actor"),
                            rs.getString("action"),
                            rs.getString("subject"),
                            rs.getString("before"),
                            rs.getString("after")))
                .list());
  }

  static String json(DecisionRecord d) {
    ObjectNode n = JSON.createObjectNode();
    n.put("finding", d.finding());
    n.put("state", d.state());
    n.put("reason", d.reason());
    n.put("owner", d.owner());
    n.put("expires", d.expires() == null ? null : d.expires().toString());
    n.put("decided-by", d.decidedBy());
    return n.toString();
  }

  static void audit(
      Handle h,
      String actor,
      Long projectId,
      String action,
      String subject,
      String before,
      String after) {
    h.createUpdate(
            "insert into audit(actor, project_id, action, subject, before, after)"
                + " values (:a, :p, :ac, :s, :b, :af)")
        .bind("a", actor)
        .bind("p", projectId)
        .bind("ac", action)
        .bind("s", subject)
        .bind("b", before)
        .bind("af", after)
        .execute();
  }

  // ---- tokens, users, sessions

  /** An API token's row: {@code project} is null for a server admin token. */
  public record TokenRow(String project, Role role, LocalDate expires) {}

  public void createToken(String hash, String project, Role role, LocalDate expires, String by) {
    jdbi.useTransaction(
        h -> {
          int inserted =
              h.createUpdate(
                      "insert into api_token(hash, project, role, expires, created_by)"
                          + " values (:h, :p, :r, :e, :by) on conflict (hash) do nothing")
                  .bind("h", hash)
                  .bind("p", project)
                  .bind("r", role.id())
                  .bind("e", expires)
                  .bind("by", by)
                  .execute();
          if (inserted == 0) return;
          audit(
              h,
              by,
              null,
              "token",
              (project == null ? "(all projects)" : project) + " " + role.id(),
              null,
              expires == null ? "no expiry" : "expires " + expires);
        });
  }

  public Optional<TokenRow> token(String hash) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select project, role, expires from api_token where hash = :h")
                .bind("h", hash)
                .map(
                    (rs, ctx) ->
                        new TokenRow(
                            rs.getString("project"),
                            Role.byId(rs.getString("role")).orElseThrow(),
                            rs.getObject("expires", LocalDate.class)))
                .findOne());
  }

  /** Whether anyone can administer the server yet (an admin token or an admin user). */
  public boolean hasAdmin() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                        "select (select count(*) from api_token where project is null)"
                            + " + (select count(*) from app_user where admin)")
                    .mapTo(Integer.class)
                    .one()
                > 0);
  }

  public record UserRow(long id, String name, String passwordHash, boolean admin) {}

  public void createUser(
      String name, String passwordHash, boolean admin, Map<String, Role> roles, String by) {
    jdbi.useTransaction(
        h -> {
          boolean taken =
              h.createQuery("select count(*) from app_user where name = :n")
                      .bind("n", name)
                      .mapTo(Integer.class)
                      .one()
                  > 0;
          if (taken) throw new HttpError(409, "user " + name + " exists");
          long id =
              h.createUpdate("insert into app_user(name, password_hash, admin) values (:n, :h, :a)")
                  .bind("n", name)
                  .bind("h", passwordHash)
                  .bind("a", admin)
                  .executeAndReturnGeneratedKeys("id")
                  .mapTo(Long.class)
                  .one();
          for (Map.Entry<String, Role> e : roles.entrySet()) {
            h.createUpdate("insert into membership(user_id, project, role) values (:u, :p, :r)")
                .bind("u", id)
                .bind("p", e.getKey())
                .bind("r", e.getValue().id())
                .execute();
          }
          audit(h, by, null, "user", name, null, (admin ? "admin " : "") + roles);
        });
  }

  public Optional<UserRow> user(String name) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select id, name, password_hash, admin from app_user where name = :n")
                .bind("n", name)
                .map(
                    (rs, ctx) ->
                        new UserRow(
                            rs.getLong("id"),
                            rs.getString("name"),
                            rs.getString("password_hash"),
                            rs.getBoolean("admin")))
                .findOne());
  }

  public Principal principal(UserRow u) {
    Map<String, Role> roles = new HashMap<>();
    jdbi.useHandle(
        h ->
            h.createQuery("select project, role from membership where user_id = :u")
                .bind("u", u.id())
                .map((rs, ctx) -> roles.put(rs.getString("project"), role(rs.getString("role"))))
                .list());
    return new Principal(u.name(), u.admin(), roles);
  }

  private static Role role(String id) {
    return Role.byId(id).orElseThrow();
  }

  public record SessionRow(long userId, String csrf, Instant expires) {}

  public void createSession(String hash, long userId, String csrf, Instant expires) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "insert into session(hash, user_id, csrf, expires) values (:h, :u, :c, :e)")
                .bind("h", hash)
                .bind("u", userId)
                .bind("c", csrf)
                .bind("e", OffsetDateTime.ofInstant(expires, java.time.ZoneOffset.UTC))
                .execute());
  }

  /** A live session and its user. */
  public Optional<Map.Entry<SessionRow, UserRow>> session(String hash) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select s.user_id, s.csrf, s.expires, u.name, u.password_hash, u.admin"
                        + " from session s join app_user u on u.id = s.user_id"
                        + " where s.hash = :h and s.expires > now()")
                .bind("h", hash)
                .map(
                    (rs, ctx) ->
                        Map.entry(
                            new SessionRow(
                                rs.getLong("user_id"),
                                rs.getString("csrf"),
                                instant(rs, "expires")),
                            new UserRow(
                                rs.getLong("user_id"),
                                rs.getString("name"),
                                rs.getString("password_hash"),
                                rs.getBoolean("admin"))))
                .findOne());
  }

  public void deleteSession(String hash) {
    jdbi.useHandle(
        h -> h.createUpdate("delete from session where hash = :h").bind("h", hash).execute());
  }

  /** Replaces any unused setup secret by this one. */
  public void setupSecret(String hash) {
    jdbi.useTransaction(
        h -> {
          h.createUpdate("delete from setup_secret where not used").execute();
          h.createUpdate("insert into setup_secret(hash) values (:h)").bind("h", hash).execute();
        });
  }

  /** Uses the setup secret once: true only for the first caller with the right secret. */
  public boolean useSetupSecret(String hash) {
    return jdbi.withHandle(
        h ->
            h.createUpdate("update setup_secret set used = true where hash = :h and not used")
                    .bind("h", hash)
                    .execute()
                == 1);
  }

  // ---- row mapping

  static FindingRow finding(ResultSet rs) throws SQLException {
    return new FindingRow(
        rs.getString("fingerprint"),
        rs.getString("threat"),
        rs.getString("title"),
        rs.getString("class"),
        rs.getString("component"),
        rs.getString("severity"),
        rs.getString("status"));
  }

  static Optional<DecisionRecord> decision(ResultSet rs) throws SQLException {
    if (rs.getString("state") == null) return Optional.empty();
    return Optional.of(decisionAt(rs, rs.getString("fingerprint")));
  }

  static DecisionRecord decisionAt(ResultSet rs, String fingerprint) throws SQLException {
    return new DecisionRecord(
        fingerprint,
        rs.getString("state"),
        rs.getString("reason"),
        rs.getString("owner"),
        rs.getObject("expires", LocalDate.class),
        rs.getString("decided_by"),
        instant(rs, "decided_at"));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
