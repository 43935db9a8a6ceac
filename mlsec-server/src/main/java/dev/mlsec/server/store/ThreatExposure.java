package dev.mlsec.server.store;

import dev.mlsec.server.auth.Principal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Which projects expose one threat in their latest version: the cross-project view. */
public final class ThreatExposure {
  /** One finding of the threat in one project's latest version, with its decision. */
  public record Exposure(String project, int version, TrackedFinding finding) {}

  private final Jdbi jdbi;

  public ThreatExposure(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * The findings of {@code threat} in the projects {@code who} may see, by project, worst first.
   */
  public List<Exposure> of(String threat, Principal who, LocalDate today) {
    List<Exposure> out =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "select p.name, v.number, f.fingerprint, f.threat, f.title, f.class,"
                            + " f.component, f.severity, f.status, d.state, d.reason, d.owner,"
                            + " d.expires, d.decided_by, d.decided_at"
                            + " from project p join version v on v.id = p.latest_version"
                            + " join finding f on f.version_id = v.id and f.threat = :t"
                            + " left join decision d on d.project_id = p.id"
                            + " and d.fingerprint = f.fingerprint"
                            + " where (:all or p.name = any(:names))")
                    .bind("t", threat)
                    .bind("all", who.admin())
                    .bindArray("names", String.class, new ArrayList<>(who.projects().keySet()))
                    .map(
                        (rs, ctx) ->
                            new Exposure(
                                rs.getString("name"),
                                rs.getInt("number"),
                                new TrackedFinding(Store.finding(rs), Store.decision(rs), today)))
                    .list());
    List<Exposure> sorted = new ArrayList<>(out);
    sorted.sort(
        java.util.Comparator.comparing(Exposure::project)
            .thenComparing(e -> e.finding().finding(), Store.WORST_FIRST));
    return List.copyOf(sorted);
  }
}
