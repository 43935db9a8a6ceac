import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loopback load test of a running mlsec server (bench/server/run starts one): PROJECTS x VERSIONS
 * uploads from THREADS clients, then checks that every project has exactly VERSIONS dense versions
 * (none lost, none duplicated) and times the portfolio page, a project page and the projects API.
 *
 * <p>java Load.java URL ADMIN_TOKEN ANALYSIS_JSON WORKFLOW_YAML PROJECTS VERSIONS THREADS SAMPLES
 */
public class Load {
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  public static void main(String[] a) throws Exception {
    String base = a[0];
    String admin = a[1];
    String analysis = Files.readString(Path.of(a[2]));
    String workflow = Files.readString(Path.of(a[3]));
    int projects = Integer.parseInt(a[4]);
    int versions = Integer.parseInt(a[5]);
    int threads = Integer.parseInt(a[6]);
    int samples = Integer.parseInt(a[7]);
    String quotedWorkflow = json(workflow);

    // uploads: version-major order, so all projects grow together as in a real CI fleet
    List<String[]> jobs = new ArrayList<>();
    for (int v = 0; v < versions; v++) {
      for (int p = 0; p < projects; p++) {
        String project = String.format("load-%04d", p);
        String src = quotedWorkflow.substring(0, quotedWorkflow.length() - 1) + "\\n# v" + v + "\"";
        jobs.add(new String[] {project,
            "{\"project\":" + json(project) + ",\"analysis\":" + analysis + ",\"workflow\":" + src + "}"});
      }
    }
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    List<Long> uploadNanos = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long t0 = System.nanoTime();
    List<Future<?>> fs = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      fs.add(pool.submit(() -> {
        int i;
        while ((i = next.getAndIncrement()) < jobs.size()) {
          long s = System.nanoTime();
          HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/uploads"))
              .header("Authorization", "Bearer " + admin)
              .POST(HttpRequest.BodyPublishers.ofString(jobs.get(i)[1])));
          uploadNanos.add(System.nanoTime() - s);
          if (r.statusCode() != 201) failed.incrementAndGet();
        }
        return null;
      }));
    }
    for (Future<?> f : fs) f.get();
    double seconds = (System.nanoTime() - t0) / 1e9;
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.MINUTES);
    System.out.printf("uploads: %d in %.1f s = %.1f/s from %d threads; upload p50 %.0f ms, p95 %.0f ms; not 201: %d%n",
        jobs.size(), seconds, jobs.size() / seconds, threads,
        pct(uploadNanos, 50), pct(uploadNanos, 95), failed.get());

    // none lost, none duplicated: every project has versions VERSIONS..1
    int wrong = 0;
    for (int p = 0; p < projects; p++) {
      String project = String.format("load-%04d", p);
      String body = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/projects/" + project + "/versions"))
          .header("Authorization", "Bearer " + admin).GET()).body();
      Matcher m = Pattern.compile("\"version\":(\\d+)").matcher(body);
      List<Integer> got = new ArrayList<>();
      while (m.find()) got.add(Integer.parseInt(m.group(1)));
      List<Integer> want = new ArrayList<>();
      for (int v = versions; v >= 1; v--) want.add(v);
      if (!got.equals(want)) wrong++;
    }
    System.out.printf("projects with a lost or duplicated version: %d of %d%n", wrong, projects);

    String cookie = signIn(base, admin);
    time("portfolio page GET /", samples, HttpRequest.newBuilder(URI.create(base + "/")).header("Cookie", cookie));
    int last = (projects + 49) / 50; // the portfolio's last page of 50 (its default)
    time("portfolio page GET /?page=" + last, samples,
        HttpRequest.newBuilder(URI.create(base + "/?page=" + last)).header("Cookie", cookie));
    time("project page GET /projects/load-0000", samples,
        HttpRequest.newBuilder(URI.create(base + "/projects/load-0000")).header("Cookie", cookie));
    time("API GET /api/v1/projects", samples,
        HttpRequest.newBuilder(URI.create(base + "/api/v1/projects")).header("Authorization", "Bearer " + admin));
    time("API GET /api/v1/projects?limit=500", samples,
        HttpRequest.newBuilder(URI.create(base + "/api/v1/projects?limit=500")).header("Authorization", "Bearer " + admin));
    if (failed.get() > 0 || wrong > 0) System.exit(1);
  }

  static void time(String what, int samples, HttpRequest.Builder b) {
    // warm-up requests before timing (the JIT compiles the page's code during the first ones)
    int warmUp = Integer.parseInt(System.getenv().getOrDefault("MLSEC_BENCH_WARMUP", "5"));
    for (int i = 0; i < warmUp; i++) send(b.GET());
    List<Long> ns = new ArrayList<>();
    int bytes = 0;
    for (int i = 0; i < samples; i++) {
      long s = System.nanoTime();
      HttpResponse<String> r = send(b.GET());
      ns.add(System.nanoTime() - s);
      if (r.statusCode() != 200) throw new IllegalStateException(what + ": " + r.statusCode());
      bytes = r.body().length();
    }
    System.out.printf("%s: p50 %.1f ms, p95 %.1f ms, max %.1f ms over %d requests (%d KB)%n",
        what, pct(ns, 50), pct(ns, 95), pct(ns, 100), samples, bytes / 1024);
  }

  /** A user for the pages, signed in through the form like a browser. */
  static String signIn(String base, String admin) {
    String name = "load-" + System.nanoTime();
    String password = "load test password";
    send(HttpRequest.newBuilder(URI.create(base + "/api/v1/users")).header("Authorization", "Bearer " + admin)
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"name\":" + json(name) + ",\"password\":" + json(password) + ",\"admin\":true}")));
    HttpResponse<String> form = send(HttpRequest.newBuilder(URI.create(base + "/login")).GET());
    String login = form.headers().allValues("Set-Cookie").get(0).split(";")[0];
    Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form.body());
    m.find();
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/login"))
        .header("Cookie", login).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("csrf=" + enc(m.group(1)) + "&name=" + enc(name)
            + "&password=" + enc(password))));
    for (String c : r.headers().allValues("Set-Cookie")) if (c.startsWith("mlsec_session=")) return c.split(";")[0];
    throw new IllegalStateException("sign-in failed: " + r.statusCode());
  }

  static HttpResponse<String> send(HttpRequest.Builder b) {
    try {
      return HTTP.send(b.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static double pct(List<Long> ns, int p) {
    List<Long> s = new ArrayList<>(ns);
    Collections.sort(s);
    int i = Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1);
    return s.get(Math.max(0, i)) / 1e6;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
          else b.append(c);
        }
      }
    }
    return b.append('"').toString();
  }
}
