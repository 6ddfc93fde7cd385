package io.hearth.server;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;

/**
 * Keeps the heap close to its live data unless the operator chose otherwise. The head's data is
 * long-lived and the scrape path allocates little, so G1's default free ratios (40–70 %) only make
 * the resident memory 2–3 times the live data (docs/performance.md, "Scrape ingestion"). The two
 * ratios are manageable flags, so a plain {@code java -jar hearth.jar} gets them too; the
 * young-generation size ({@code -Xmn64m}) cannot be changed at run time and stays a launch flag.
 */
final class HeapSizing {
  static final String MIN_FREE = "10";
  static final String MAX_FREE = "20";

  private HeapSizing() {}

  /** Sets the free ratios the operator left at their defaults; returns what it changed. */
  static String apply() {
    HotSpotDiagnosticMXBean hs;
    try {
      hs = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    } catch (RuntimeException e) {
      return "";
    }
    if (hs == null) {
      return "";
    }
    StringBuilder changed = new StringBuilder();
    // The minimum first: the JVM refuses a maximum below the current minimum (40 by default).
    set(hs, "MinHeapFreeRatio", MIN_FREE, changed);
    set(hs, "MaxHeapFreeRatio", MAX_FREE, changed);
    return changed.toString();
  }

  private static void set(HotSpotDiagnosticMXBean hs, String name, String value, StringBuilder changed) {
    try {
      VMOption o = hs.getVMOption(name);
      if (o.getOrigin() != VMOption.Origin.DEFAULT || !o.isWriteable()) {
        return;
      }
      hs.setVMOption(name, value);
      changed.append(changed.isEmpty() ? "" : " ").append("-XX:").append(name).append('=').append(value);
    } catch (RuntimeException e) {
      // Another JVM or collector without the flag: keep its own sizing.
    }
  }
}
