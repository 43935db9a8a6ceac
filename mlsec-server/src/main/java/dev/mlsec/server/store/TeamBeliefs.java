package dev.mlsec.server.store;

import dev.mlsec.server.HttpError;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** What each member of a project's team recorded: worries in their words, beliefs in controls. */
public final class TeamBeliefs {
  /** Most entries one member may keep in one project. */
  public static final int MAX_PER_MEMBER = 100;

  /** One entry: a concern ({@code control} and {@code threat} null) or a control belief. */
  public record Entry(long id, String member, String concern, String control, String threat) {
    public boolean isConcern() {
      return concern != null;
    }
  }

  private final Jdbi jdbi;

  public TeamBeliefs(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Every entry of the project, by member, in the order recorded. */
  public List<Entry> of(String project) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select b.id, b.member, b.concern, b.control, b.threat from belief b"
                        + " join project p on p.id = b.project_id where p.name = :n"
                        + " order by b.member, b.id")
                .bind("n", project)
                .map(
                    (rs, ctx) ->
                        new Entry(
                            rs.getLong("id"),
                            rs.getString("member"),
                            rs.getString("concern"),
                            rs.getString("control"),
                            rs.getString("threat")))
                .list());
  }

  /** Adds {@code member}'s entry; the caller has checked the texts and ids. */
  public void add(String project, String member, String concern, String control, String threat) {
    jdbi.useTransaction(
        h -> {
          long projectId =
              h.createQuery("select id from project where name = :n")
                  .bind("n", project)
                  .mapTo(Long.class)
                  .findOne()
                  .orElseThrow(() -> HttpError.notFound("no project " + project));
          int has =
              h.createQuery("select count(*) from belief where project_id = :p and member = :m")
                  .bind("p", projectId)
                  .bind("m", member)
                  .mapTo(Integer.class)
                  .one();
          if (has >= MAX_PER_MEMBER)
            throw HttpError.bad(
                "you have " + has + " entries in this project, the most there may be");
          h.createUpdate(
                  "insert into belief(project_id, member, concern, control, threat)"
                      + " values (:p, :m, :c, :co, :t)")
              .bind("p", projectId)
              .bind("m", member)
              .bind("c", concern)
              .bind("co", control)
              .bind("t", threat)
              .execute();
        });
  }

  /** Removes one of {@code member}'s own entries; another member's entry is not found. */
  public void remove(String project, String member, long id) {
    int n =
        jdbi.withHandle(
            h ->
                h.createUpdate(
                        "delete from belief b using project p where p.id = b.project_id"
                            + " and p.name = :n and b.member = :m and b.id = :id")
                    .bind("n", project)
                    .bind("m", member)
                    .bind("id", id)
                    .execute());
    if (n == 0) throw HttpError.notFound("you have no entry " + id + " in " + project);
  }
}
