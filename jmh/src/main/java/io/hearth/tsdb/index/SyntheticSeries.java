package io.hearth.tsdb.index;

import io.hearth.labels.Labels;

/**
 * A deterministic, head-like population of series for benchmarks: 10 labels a series, with
 * Kubernetes-shaped cardinalities (300 metric names with a skewed spread, 5,000 pods under 5
 * prefixes, 40 namespaces, 25 jobs, 50 handlers, 20 containers, 10 status codes, 5 methods,
 * 3 regions). Series {@code i} always gets the same labels, and every label value is one shared
 * {@code String}, as the head's symbol table would make it. Immutable and thread-safe.
 */
public final class SyntheticSeries {
  /** A popular metric (about 1.2% of series). */
  public static final String METRIC = "http_requests_total";

  private static final String[] POD_PREFIXES = {"api-", "web-", "db-", "worker-", "auth-"};
  private static final String[] CODES = {"200", "201", "204", "301", "400", "401", "403", "404", "500", "503"};
  private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH"};
  private static final String[] REGIONS = {"eu-west-1", "us-east-1", "ap-south-1"};

  private final String[] metrics = new String[300];
  private final String[] pods = new String[5000];
  private final String[] instances = new String[5000];
  private final String[] namespaces = new String[40];
  private final String[] jobs = new String[25];
  private final String[] handlers = new String[50];
  private final String[] containers = new String[20];

  public SyntheticSeries() {
    for (int i = 0; i < metrics.length; i++) {
      metrics[i] = i == 5 ? METRIC : "app_metric_" + i + "_total";
    }
    for (int p = 0; p < pods.length; p++) {
      pods[p] = POD_PREFIXES[p % POD_PREFIXES.length] + Long.toHexString(mix(p / 25) & 0xFFFFFFFFFL) + "-" + base36(mix(p), 5);
      instances[p] = "10." + (p >> 16) + "." + ((p >> 8) & 0xFF) + "." + (p & 0xFF) + ":8080";
    }
    for (int i = 0; i < namespaces.length; i++) {
      namespaces[i] = "team-" + i;
    }
    for (int i = 0; i < jobs.length; i++) {
      jobs[i] = "kubernetes-pods-" + i;
    }
    for (int i = 0; i < handlers.length; i++) {
      handlers[i] = "/api/v1/resource" + i;
    }
    for (int i = 0; i < containers.length; i++) {
      containers[i] = "container-" + i;
    }
  }

  /** The labels of series {@code i} (0-based). */
  public Labels labels(int i) {
    long h = mix(i);
    double u = ((h >>> 11) & 0xFFFFF) / (double) (1 << 20);
    int metric = (int) (metrics.length * u * u); // skewed: low indexes are popular
    int pod = (int) Long.remainderUnsigned(h >>> 20, pods.length);
    long h2 = mix(h);
    return Labels.of(
        Labels.METRIC_NAME, metrics[metric],
        "pod", pods[pod],
        "instance", instances[pod],
        "namespace", namespaces[pod % namespaces.length],
        "container", containers[pod % containers.length],
        "job", jobs[metric % jobs.length],
        "handler", handlers[(int) Long.remainderUnsigned(h2, handlers.length)],
        "code", CODES[(int) Long.remainderUnsigned(h2 >>> 16, CODES.length)],
        "method", METHODS[(int) Long.remainderUnsigned(h2 >>> 32, METHODS.length)],
        "region", REGIONS[pod % REGIONS.length]);
  }

  /** A MemPostings over series refs {@code 1..n}, series {@code ref} having {@code labels(ref - 1)}. */
  public MemPostings index(int n) {
    MemPostings mp = new MemPostings();
    for (int i = 0; i < n; i++) {
      mp.add(i + 1, labels(i));
    }
    return mp;
  }

  /** SplitMix64's finaliser: a cheap, well-spread hash. */
  private static long mix(long x) {
    x += 0x9E3779B97F4A7C15L;
    x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
    x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
    return x ^ (x >>> 31);
  }

  private static String base36(long h, int len) {
    StringBuilder sb = new StringBuilder(len);
    for (int i = 0; i < len; i++) {
      sb.append(Character.forDigit((int) Long.remainderUnsigned(h, 36), 36));
      h = Long.divideUnsigned(h, 36);
    }
    return sb.toString();
  }
}
