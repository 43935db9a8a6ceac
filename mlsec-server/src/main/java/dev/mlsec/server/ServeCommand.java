package dev.mlsec.server;

import dev.mlsec.server.auth.Oidc;
import dev.mlsec.server.auth.Role;
import dev.mlsec.server.auth.Secrets;
import dev.mlsec.server.notify.Webhooks;
import dev.mlsec.server.store.Retention;
import dev.mlsec.server.store.Store;
import dev.mlsec.server.web.Server;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mlsec serve}: the team server. */
@Command(
    name = "mlsec serve",
    mixinStandardHelpOptions = true,
    versionProvider = ServeCommand.Version.class,
    description = {
      "Runs the mlsec team server: every workflow's analyses, their history,",
      "triage with an audit trail, and the API that 'analyze --upload' posts to.",
      "Without --db it starts a private PostgreSQL under --data.",
      "",
      "Exit codes: 0 stopped, 2 bad usage or the database cannot be used."
    })
public final class ServeCommand implements Callable<Integer> {

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8080",
      description = "TCP port (default: 8080; 0 picks a free one).")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default: 127.0.0.1; put TLS in front for others).")
  String bind;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Folder of the embedded database (default: ~/.mlsec/server).")
  Path data;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description =
          "A PostgreSQL server instead of the embedded one, e.g. jdbc:postgresql://host/mlsec;"
              + " user and password from MLSEC_DB_USER / MLSEC_DB_PASSWORD (or PGUSER / PGPASSWORD).")
  String db;

  @Option(
      names = "--webhook-allow-private",
      description =
          "Let webhooks point at loopback and private addresses (default: refused; see"
              + " docs/server.md, Webhooks).")
  boolean webhookAllowPrivate;

  @Option(
      names = "--expiry-notice",
      paramLabel = "DAYS",
      defaultValue = "14",
      description = "Webhooks announce decisions expiring within DAYS days (default: 14).")
  int expiryNotice;

  @Option(
      names = "--keep-versions",
      paramLabel = "N",
      description = "Retention: keep each project's last N versions (with --keep-days: either).")
  Integer keepVersions;

  @Option(
      names = "--keep-days",
      paramLabel = "D",
      description = "Retention: keep versions younger than D days (with --keep-versions: either).")
  Integer keepDays;

  /** From which severity accepting a finding needs a second approver. */
  enum SecondApproval {
    critical,
    high,
    medium,
    low,
    info,
    none
  }

  @Option(
      names = "--second-approval",
      paramLabel = "SEVERITY",
      defaultValue = "high",
      description =
          "Accepting a finding of SEVERITY or worse needs a second, different user's approval:"
              + " ${COMPLETION-CANDIDATES} (default: high, so high and critical).")
  SecondApproval secondApproval;

  @Option(
      names = "--oidc-issuer",
      paramLabel = "URL",
      defaultValue = "${env:MLSEC_OIDC_ISSUER}",
      description =
          "Single sign-on: the OpenID Connect provider's issuer, found by discovery (https; or"
              + " env MLSEC_OIDC_ISSUER). The client secret comes from MLSEC_OIDC_CLIENT_SECRET.")
  java.net.URI oidcIssuer;

  @Option(
      names = "--oidc-client-id",
      paramLabel = "ID",
      defaultValue = "${env:MLSEC_OIDC_CLIENT_ID}",
      description = "This server's client id at the provider (or env MLSEC_OIDC_CLIENT_ID).")
  String oidcClientId;

  @Option(
      names = "--oidc-redirect-uri",
      paramLabel = "URL",
      defaultValue = "${env:MLSEC_OIDC_REDIRECT_URI}",
      description =
          "The callback registered at the provider: this server's public address +"
              + " /oidc/callback (or env MLSEC_OIDC_REDIRECT_URI).")
  java.net.URI oidcRedirect;

  @Option(
      names = "--oidc-user-claim",
      paramLabel = "CLAIM",
      defaultValue = "${env:MLSEC_OIDC_USER_CLAIM:-email}",
      description =
          "The ID token's claim whose value is the name of a local user (default: email, which"
              + " must be verified; or env MLSEC_OIDC_USER_CLAIM).")
  String oidcUserClaim;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    CommandLine cl = new CommandLine(new ServeCommand());
    cl.setExecutionExceptionHandler(
        (ex, line, parse) -> {
          line.getErr().println("mlsec serve: " + ex.getMessage());
          return 2;
        });
    cl.setParameterExceptionHandler(
        (ex, args2) -> {
          ex.getCommandLine().getErr().println("mlsec serve: " + ex.getMessage());
          return 2;
        });
    int code = cl.execute(args);
    if (code != 0) System.exit(code);
  }

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65_535)
      throw new IllegalArgumentException("--port " + port + " is not a port");
    PrintWriter err = spec.commandLine().getErr();
    Database database =
        db != null
            ? Database.connect(
                db, env("MLSEC_DB_USER", "PGUSER"), env("MLSEC_DB_PASSWORD", "PGPASSWORD"))
            : Database.embedded(
                data != null ? data : Path.of(System.getProperty("user.home"), ".mlsec", "server"));
    Store store =
        new Store(
            database.jdbi(), secondApproval == SecondApproval.none ? null : secondApproval.name());
    String adminToken = System.getenv("MLSEC_ADMIN_TOKEN");
    String secret = bootstrap(store, adminToken);
    Retention.Rule rule = new Retention.Rule(keepVersions, keepDays);
    if (expiryNotice < 0 || expiryNotice > 365)
      throw new IllegalArgumentException(
          "--expiry-notice " + expiryNotice + " is not 0 to 365 days");
    Oidc oidc = oidc(Clock.systemUTC());
    Server server =
        Server.start(
            store, bind, port, Clock.systemUTC(), Version.version(), webhookAllowPrivate, oidc);
    Webhooks webhooks =
        new Webhooks(
                store.outbox(),
                Webhooks.Settings.defaults(webhookAllowPrivate, expiryNotice),
                Clock.systemUTC())
            .start();
    java.util.concurrent.ScheduledExecutorService sweeps =
        sweeps(store, rule, Clock.systemUTC(), err);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sweeps.shutdownNow();
                  webhooks.close();
                  server.close();
                  database.close();
                  stopped.countDown();
                },
                "mlsec-serve-stop"));
    err.println(
        "mlsec serve: listening on http://"
            + bind
            + ":"
            + server.port()
            + " ("
            + database.describe()
            + (oidc != null ? "; single sign-on through " + oidc.settings().issuer() : "")
            + ")");
    if (secret != null) {
      err.println(
          "mlsec serve: first start: create the administrator at http://"
              + bind
              + ":"
              + server.port()
              + "/setup with the one-time setup secret "
              + secret);
    }
    err.flush();
    stopped.await();
    return 0;
  }

  /**
   * Seeds the admin token from MLSEC_ADMIN_TOKEN, or, when nobody can administer the server yet,
   * makes a one-time setup secret (returned, to be printed once).
   */
  static String bootstrap(Store store, String adminToken) {
    if (adminToken != null) {
      if (adminToken.length() < 20 || adminToken.length() > 200)
        throw new IllegalArgumentException(
            "MLSEC_ADMIN_TOKEN must have 20 to 200 characters (e.g. openssl rand -hex 32)");
      store.createToken(Secrets.hash(adminToken), null, Role.ADMIN, null, "MLSEC_ADMIN_TOKEN");
      return null;
    }
    if (store.hasAdmin()) return null;
    String secret = Secrets.create("setup-");
    store.setupSecret(Secrets.hash(secret));
    return secret;
  }

  /**
   * The periodic sweeps, each first at start: retention every six hours (never when no bound is
   * given) and the expiry of decisions every {@link #EXPIRY_SWEEP}.
   */
  static java.util.concurrent.ScheduledExecutorService sweeps(
      Store store, Retention.Rule rule, Clock clock, PrintWriter err) {
    java.util.concurrent.ScheduledExecutorService timer =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "mlsec-sweeps");
              t.setDaemon(true);
              return t;
            });
    if (rule.active()) {
      every(
          timer,
          Duration.ofHours(6),
          "retention",
          err,
          () ->
              store
                  .retention()
                  .apply(rule)
                  .forEach(
                      (project, numbers) ->
                          err.println(
                              "mlsec serve: retention removed "
                                  + numbers.size()
                                  + " versions of "
                                  + project)));
    }
    every(
        timer,
        EXPIRY_SWEEP,
        "the expiry sweep",
        err,
        () ->
            store
                .expiry()
                .sweep(LocalDate.now(clock.withZone(ZoneOffset.UTC)))
                .forEach(
                    (project, reopened) ->
                        err.println(
                            "mlsec serve: "
                                + reopened.size()
                                + " expired decisions reopened their findings in "
                                + project)));
    return timer;
  }

  /** How often expired decisions are looked for (reads never apply one in any case). */
  static final Duration EXPIRY_SWEEP = Duration.ofMinutes(10);

  // the task reports its own failures and the timer's shutdown cancels it: the future says nothing
  @SuppressWarnings("FutureReturnValueIgnored")
  private static void every(
      java.util.concurrent.ScheduledExecutorService timer,
      Duration period,
      String what,
      PrintWriter err,
      Runnable task) {
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            err.println("mlsec serve: " + what + " failed: " + e.getMessage());
          }
          err.flush();
        },
        0,
        period.toSeconds(),
        java.util.concurrent.TimeUnit.SECONDS);
  }

  /** Single sign-on when any of its options is given (then all three must be). */
  Oidc oidc(Clock clock) {
    if (oidcIssuer == null && oidcClientId == null && oidcRedirect == null) return null;
    String secret = System.getenv("MLSEC_OIDC_CLIENT_SECRET");
    return new Oidc(
        new Oidc.Settings(
            oidcIssuer,
            oidcClientId,
            secret == null || secret.isEmpty() ? null : secret,
            oidcRedirect,
            oidcUserClaim),
        clock);
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v != null ? v : System.getenv(fallback);
  }

  /** The version in the jar's manifest. */
  public static final class Version implements CommandLine.IVersionProvider {
    static String version() {
      String v = ServeCommand.class.getPackage().getImplementationVersion();
      return v != null ? v : "dev";
    }

    @Override
    public String[] getVersion() {
      return new String[] {"mlsec serve " + version()};
    }
  }
}
