package io.hearth.tsdb.head;

import io.hearth.labels.SymbolTable;
import io.hearth.storage.Appender;
import io.hearth.storage.QuerierContractTest;
import io.hearth.storage.Queryable;
import java.util.List;

class HeadQuerierTest extends QuerierContractTest {
  private Head head;

  @Override
  protected Queryable create(List<Data> series) {
    head = new Head(HeadOptions.defaults(), new SymbolTable());
    // One appender per round of "scrapes", as a scraper would, so chunks interleave across series.
    int max = series.stream().mapToInt(d -> d.ts().length).max().orElse(0);
    for (int i = 0; i < max; i++) {
      Appender app = head.appender();
      for (Data d : series) {
        if (i < d.ts().length) {
          app.append(0, d.labels(), d.ts()[i], d.vs()[i]);
        }
      }
      app.commit();
    }
    return head;
  }

  @Override
  protected void release() {
    head.close();
  }
}
