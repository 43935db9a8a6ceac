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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

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

  public Store(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The database, for the read models that keep their own queries (portfolio views). */
  public Jdbi jdbi() {
    return jdbi;
  }

  /** The result of an upload: the version it is, and whether this upload created it. */
  public record Stored(String project, int version, boolean created) {}

  public Stored store(Upload u, String actor) {
    return jdbi.inTransaction(
        h -> {
          h.createUpdate("insert into project(name) values (:n) on conflict (name) do nothing")
              .bind("n", u.project())
              .execute();
          // the row lock serializes uploads of one project: numbers stay dense and unique
          long projectId =
              h.createQuery("select id from project where name = :n for update")
                  .bind("n", u.project())
                  .mapTo(Long.class)
                  .one();
          String hash = u.contentHash();
          Optional<Integer> same =
              h.createQuery(
                      "select number from version where project_id = :p and content_hash = :h")
                  .bind("p", projectId)
                  .bind("h", hash)
                  .mapTo(Integer.class)
                  .findOne();
          if (same.isPresent()) return new Stored(u.project(), same.get(), false);
          int number =
              h.createQuery(
                      "select coalesce(max(number), 0) + 1 from version where project_id = :p")
                  .bind("p", projectId)
                  .mapTo(Integer.class)
                  .one();
          long versionId =
              h.createUpdate(
                      "insert into version(project_id, number, content_hash, analysis, workflow,"
                          + " file_name, tool_version, catalog_version, git_commit, git_branch,"
                          + " uploaded_by) values (:p, :n, :h, :a, :w, :f, :tv, :cv, :gc, :gb, :by)")
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
                  .executeAndReturnGeneratedKeys("id")
                  .mapTo(Long.class)
                  .one();
          if (!u.findings().isEmpty()) {
            PreparedBatch b =
                h.prepareBatch(
                    "insert into finding(version_id, fingerprint, threat, title, class, component,"
                        + " severity, status) values (:v, :fp, :t, :ti, :c, :co, :s, :st)");
            for (FindingRow f : u.findings()) {
              b.bind("v", versionId)
                  .bind("fp", f.fingerprint())
                  .bind("t", f.threat())
                  .bind("ti", f.title())
                  .bind("c", f.klass())
                  .bind("co", f.component())
                  .bind("s", f.severity())
                  .bind("st", f.status())
                  .add();
            }
            b.execute();
          }
          h.createUpdate("update project set latest_version = :v where id = :p")
              .bind("v", versionId)
              .bind("p", projectId)
              .execute();
          audit(h, actor, projectId, "upload", "version " + number, null, null);
          return new Stored(u.project(), number, true);
        });
  }

  /** The projects {@code who} may see, by name, with what is open in each latest version. */
  public List<ProjectSummary> projects(Principal who, LocalDate today) {
    List<String> names = new ArrayList<>(who.projects().keySet());
    return jdbi.withHandle(
        h -> {
          Map<String, List<TrackedFinding>> open = new LinkedHashMap<>();
          Map<String, Object[]> head = new LinkedHashMap<>();
          h.createQuery(
                  "select p.name, v.number, v.uploaded_at, f.fingerprint, f.threat, f.title,"
                      + " f.class, f.component, f.severity, f.status, d.state, d.reason, d.owner,"
                      + " d.expires, d.decided_by, d.decided_at"
                      + " from project p join version v on v.id = p.latest_version"
                      + " left join finding f on f.version_id = v.id"
                      + " left join decision d on d.project_id = p.id"
                      + " and d.fingerprint = f.fingerprint"
                      + " where (:all or p.name = any(:names)) order by p.name")
              .bind("all", who.admin())
              .bindArray("names", String.class, names)
              .map(
                  (rs, ctx) -> {
                    String name = rs.getString("name");
                    if (!head.containsKey(name)) {
                      head.put(
                          name, new Object[] {rs.getInt("number"), instant(rs, "uploaded_at")});
                    }
                    List<TrackedFinding> list = open.computeIfAbsent(name, k -> new ArrayList<>());
                    if (rs.getString("fingerprint") != null) {
                      TrackedFinding t = new TrackedFinding(finding(rs), decision(rs), today);
                      if (t.open()) list.add(t);
                    }
                    return name;
                  })
              .list();
          List<ProjectSummary> out = new ArrayList<>();
          for (Map.Entry<String, Object[]> e : head.entrySet()) {
            List<TrackedFinding> list = open.get(e.getKey());
            Map<String, Integer> bySeverity = counter(SEVERITIES);
            Map<String, Integer> byClass = counter(CLASSES);
            for (TrackedFinding t : list) {
              bySeverity.merge(t.finding().severity(), 1, Integer::sum);
              byClass.merge(t.finding().klass(), 1, Integer::sum);
            }
            Optional<FindingRow> worst =
                list.stream().map(TrackedFinding::finding).min(WORST_FIRST);
            out.add(
                new ProjectSummary(
                    e.getKey(),
                    (Integer) e.getValue()[0],
                    (Instant) e.getValue()[1],
                    bySeverity,
                    byClass,
                    worst));
          }
          return out;
        });
  }

  /** Most severe first, then by fingerprint: the order of every finding list. */
  public static final Comparator<FindingRow> WORST_FIRST =
      Comparator.comparingInt((FindingRow f) -> SEVERITIES.indexOf(f.severity()))
          .thenComparing(FindingRow::fingerprint);

  private static Map<String, Integer> counter(List<String> keys) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (String k : keys) m.put(k, 0);
    return m;
  }

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

  public List<Decision> decisions(String project) {
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
  public Decision decide(String project, Decision d) {
    return jdbi.inTransaction(
        h -> {
          long projectId =
              h.createQuery("select id from project where name = :n for update")
                  .bind("n", project)
                  .mapTo(Long.class)
                  .findOne()
                  .orElseThrow(() -> HttpError.notFound("no project " + project));
          boolean known =
              h.createQuery(
                          "select count(*) from finding f join project p"
                              + " on f.version_id = p.latest_version"
                              + " where p.id = :p and f.fingerprint = :fp")
                      .bind("p", projectId)
                      .bind("fp", d.finding())
                      .mapTo(Integer.class)
                      .one()
                  > 0;
          if (!known)
            throw HttpError.bad(
                "finding " + d.finding() + " is not in the latest version of " + project);
          Optional<Decision> before =
              h.createQuery(
                      "select fingerprint as d_fingerprint, state, reason, owner, expires,"
                          + " decided_by, decided_at from decision"
                          + " where project_id = :p and fingerprint = :fp")
                  .bind("p", projectId)
                  .bind("fp", d.finding())
                  .map((rs, ctx) -> decisionAt(rs, rs.getString("d_fingerprint")))
                  .findOne();
          Decision stored =
              h.createQuery(
                      "insert into decision(project_id, fingerprint, state, reason, owner, expires,"
                          + " decided_by) values (:p, :fp, :s, :r, :o, :e, :by)"
                          + " on conflict (project_id, fingerprint) do update set"
                          + " state = excluded.state, reason = excluded.reason,"
                          + " owner = excluded.owner, expires = excluded.expires,"
                          + " decided_by = excluded.decided_by, decided_at = now()"
                          + " returning fingerprint as d_fingerprint, state, reason, owner,"
                          + " expires, decided_by, decided_at")
                  .bind("p", projectId)
                  .bind("fp", d.finding())
                  .bind("s", d.state())
                  .bind("r", d.reason())
                  .bind("o", d.owner())
                  .bind("e", d.expires())
                  .bind("by", d.decidedBy())
                  .map((rs, ctx) -> decisionAt(rs, rs.getString("d_fingerprint")))
                  .one();
          audit(
              h,
              d.decidedBy(),
              projectId,
              "decision",
              d.finding(),
              before.map(Store::json).orElse(null),
              json(stored));
          return stored;
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

  static String json(Decision d) {
    ObjectNode n = JSON.createObjectNode();
    n.put("finding", d.finding());
    n.put("state", d.state());
    n.put("reason", d.reason());
    n.put("owner", d.owner());
    n.put("expires", d.expires() == null ? null : d.expires().toString());
    n.put("decided-by", d.decidedBy());
    return n.toString();
  }

  private static void audit(
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

  static Optional<Decision> decision(ResultSet rs) throws SQLException {
    if (rs.getString("state") == null) return Optional.empty();
    return Optional.of(decisionAt(rs, rs.getString("fingerprint")));
  }

  private static Decision decisionAt(ResultSet rs, String fingerprint) throws SQLException {
    return new Decision(
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
