package io.hearth.tsdb.head;

import io.hearth.labels.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * Label sets shaped like a Kubernetes scrape, after {@code shared/bench/seriesmodel.py}: per
 * target about 330 node_exporter series (cpu/mode, device, mountpoint labels) and pods with
 * cAdvisor, kube-state-metrics and application series (namespace, pod, container, code, le).
 */
final class SeriesModel {
  private static final String[] MODES = {"idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"};
  private static final String[] DEVICES = {"sda", "sdb", "nvme0n1", "dm-0"};
  private static final String[] NET = {"eth0", "lo", "cni0", "flannel.1"};
  private static final String[] CODES = {"200", "201", "204", "301", "400", "404", "500", "503"};
  private static final String[] LE = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"};
  private static final String[] PHASES = {"Pending", "Running", "Succeeded", "Failed", "Unknown"};
  private static final String[] CONTAINERS = {"app", "sidecar", "istio-proxy"};

  private SeriesModel() {}

  /** About {@code n} distinct label sets, 2,000 per target. */
  static List<Labels> generate(int n) {
    List<Labels> out = new ArrayList<>(n + 2000);
    for (int target = 0; out.size() < n; target++) {
      String instance = "10." + (target >> 8 & 255) + "." + (target & 255) + ".7:9100";
      int start = out.size();
      node(out, instance);
      for (int pod = 0; out.size() - start < 2000; pod++) {
        pods(out, instance, target, pod);
      }
    }
    return out.subList(0, n);
  }

  private static void node(List<Labels> out, String instance) {
    for (int cpu = 0; cpu < 8; cpu++) {
      for (String mode : MODES) {
        out.add(Labels.of("__name__", "node_cpu_seconds_total", "job", "node", "instance", instance,
            "cpu", Integer.toString(cpu), "mode", mode));
      }
    }
    for (int m = 0; m < 120; m++) {
      out.add(Labels.of("__name__", "node_memory_" + m + "_bytes", "job", "node", "instance", instance));
    }
    for (String d : DEVICES) {
      for (int m = 0; m < 16; m++) {
        out.add(Labels.of("__name__", "node_disk_" + m + "_total", "job", "node", "instance", instance, "device", d));
      }
    }
    for (String d : NET) {
      for (int m = 0; m < 10; m++) {
        out.add(Labels.of("__name__", "node_network_" + m + "_total", "job", "node", "instance", instance, "device", d));
      }
    }
  }

  private static void pods(List<Labels> out, String instance, int target, int pod) {
    String ns = "ns-" + (pod % 40);
    String name = "app-" + (pod % 97) + "-" + Integer.toHexString(target * 131 + pod * 7919);
    for (String c : CONTAINERS) {
      for (String m : new String[] {"container_cpu_usage_seconds_total", "container_memory_working_set_bytes",
          "container_memory_rss", "container_fs_reads_bytes_total", "container_last_seen"}) {
        out.add(Labels.of("__name__", m, "job", "kubelet", "instance", instance, "namespace", ns, "pod", name,
            "container", c));
      }
    }
    for (String phase : PHASES) {
      out.add(Labels.of("__name__", "kube_pod_status_phase", "job", "kube-state-metrics", "namespace", ns,
          "pod", name, "phase", phase));
    }
    out.add(Labels.of("__name__", "kube_pod_info", "job", "kube-state-metrics", "namespace", ns, "pod", name,
        "node", "node-" + target));
    for (String code : CODES) {
      out.add(Labels.of("__name__", "http_requests_total", "job", "app", "instance", instance, "namespace", ns,
          "pod", name, "code", code));
    }
    for (String le : LE) {
      out.add(Labels.of("__name__", "http_request_duration_seconds_bucket", "job", "app", "instance", instance,
          "namespace", ns, "pod", name, "le", le));
    }
  }
}
