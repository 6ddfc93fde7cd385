package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class HeapSizingTest {
  @Test
  void freeRatiosLeftAtTheirDefaultsAreLowered() {
    HotSpotDiagnosticMXBean hs = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    HeapSizing.apply();
    // Whether this JVM had them at their defaults or the test runner set them, they now hold
    // either our values or the operator's: never G1's 40/70.
    String max = hs.getVMOption("MaxHeapFreeRatio").getValue();
    String min = hs.getVMOption("MinHeapFreeRatio").getValue();
    if (hs.getVMOption("MaxHeapFreeRatio").getOrigin() == com.sun.management.VMOption.Origin.MANAGEMENT) {
      assertThat(max).isEqualTo(HeapSizing.MAX_FREE);
      assertThat(min).isEqualTo(HeapSizing.MIN_FREE);
    }
    assertThat(max).isNotEqualTo("70");
    assertThat(HeapSizing.apply()).as("a second call changes nothing").isEmpty();
  }
}
