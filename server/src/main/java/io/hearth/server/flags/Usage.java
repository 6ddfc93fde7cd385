package io.hearth.server.flags;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --help} text in kingpin's layout: a usage line, a description, then every flag that
 * Prometheus does not hide, in two columns ({@code --name=<default>} and its help, wrapped at 80
 * characters). Flags Hearth does not act on say so. Stateless.
 */
public final class Usage {
  private static final int WIDTH = 80;
  private static final int INDENT = 2;
  private static final int PADDING = 2;
  private static final int MAX_FIRST_COLUMN = 30;

  private Usage() {}

  public static String text(String program, String description) {
    List<String[]> rows = new ArrayList<>();
    for (Flag f : PrometheusFlags.ALL) {
      if (f.hidden()) {
        continue;
      }
      String help = f.help();
      if (!f.isImplemented()) {
        help += " Accepted for compatibility; Hearth does not implement " + f.lacking() + " yet.";
      }
      rows.add(new String[] {column(f), help});
    }
    int first = 0;
    for (String[] r : rows) {
      if (r[0].length() > first && r[0].length() < MAX_FIRST_COLUMN) {
        first = r[0].length();
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("usage: ").append(program).append(" [<flags>]\n\n");
    out.append(description).append("\n\n");
    out.append("Flags:\n");
    String indent = " ".repeat(INDENT);
    String offset = " ".repeat(first + PADDING);
    for (String[] r : rows) {
      List<String> lines = wrap(r[1], WIDTH - first - PADDING - INDENT);
      out.append(indent).append(r[0]).append(" ".repeat(Math.max(0, first - r[0].length())))
          .append(" ".repeat(PADDING));
      if (r[0].length() >= MAX_FIRST_COLUMN) {
        out.append('\n').append(indent).append(offset);
      }
      out.append(lines.getFirst()).append('\n');
      for (String line : lines.subList(1, lines.size())) {
        out.append(indent).append(offset).append(line).append('\n');
      }
    }
    return out.toString();
  }

  /** The first column: {@code -h, --[no-]help}, {@code     --query.timeout=2m}, {@code ... } for repeatable. */
  static String column(Flag f) {
    String name = f.type() == FlagType.BOOL ? "[no-]" + f.name() : f.name();
    StringBuilder b = new StringBuilder(f.name().equals("help") ? "-h, --" : "    --").append(name);
    if (f.type() != FlagType.BOOL) {
      b.append('=').append(placeholder(f));
    }
    if (f.type().isRepeatable()) {
      b.append(" ...");
    }
    return b.toString();
  }

  private static String placeholder(Flag f) {
    if (f.placeholder() != null) {
      return f.placeholder();
    }
    if (!f.defaults().isEmpty()) {
      String ellipsis = f.defaults().size() > 1 ? "..." : "";
      String d = f.defaults().getFirst();
      return (f.type() == FlagType.STRING ? GoDuration.quote(d) : d) + ellipsis;
    }
    return f.name().toUpperCase(java.util.Locale.ROOT);
  }

  private static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (!line.isEmpty()) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }
}
