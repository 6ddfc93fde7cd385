package io.hearth.tsdb.block;

import io.hearth.tsdb.io.CorruptBlockException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@code meta.json}. Writing reproduces Go's {@code json.MarshalIndent} with tab
 * indentation, field order and {@code omitempty} rules exactly, so a block Hearth writes has the
 * meta file Prometheus would write. Reading accepts any JSON and ignores fields it does not know
 * (Prometheus 3.x adds some to {@code stats}). Stateless.
 */
final class MetaJson {
  private MetaJson() {}

  static String write(BlockMeta m) {
    StringBuilder sb = new StringBuilder(512);
    sb.append("{\n");
    sb.append("\t\"ulid\": \"").append(m.ulid()).append("\",\n");
    sb.append("\t\"minTime\": ").append(m.minT()).append(",\n");
    sb.append("\t\"maxTime\": ").append(m.maxT()).append(",\n");
    BlockMeta.Stats s = m.stats();
    List<String> stats = new ArrayList<>();
    addIfNonZero(stats, "numSamples", s.numSamples());
    addIfNonZero(stats, "numSeries", s.numSeries());
    addIfNonZero(stats, "numChunks", s.numChunks());
    addIfNonZero(stats, "numTombstones", s.numTombstones());
    sb.append("\t\"stats\": ");
    object(sb, stats, "\t");
    sb.append(",\n");
    BlockMeta.Compaction c = m.compaction();
    List<String> comp = new ArrayList<>();
    comp.add("\"level\": " + c.level());
    if (c.sources().isEmpty() == false) {
      List<String> items = new ArrayList<>();
      for (Ulid u : c.sources()) {
        items.add("\"" + u + "\"");
      }
      comp.add("\"sources\": " + array(items, "\t\t"));
    }
    if (c.isDeletable()) {
      comp.add("\"deletable\": true");
    }
    if (c.parents().isEmpty() == false) {
      List<String> items = new ArrayList<>();
      for (BlockMeta.BlockDesc p : c.parents()) {
        StringBuilder o = new StringBuilder();
        object(o, List.of("\"ulid\": \"" + p.ulid() + "\"", "\"minTime\": " + p.minT(), "\"maxTime\": " + p.maxT()), "\t\t\t");
        items.add(o.toString());
      }
      comp.add("\"parents\": " + array(items, "\t\t"));
    }
    if (c.isFailed()) {
      comp.add("\"failed\": true");
    }
    if (c.hints().isEmpty() == false) {
      List<String> items = new ArrayList<>();
      for (String h : c.hints()) {
        items.add(quote(h));
      }
      comp.add("\"hints\": " + array(items, "\t\t"));
    }
    sb.append("\t\"compaction\": ");
    object(sb, comp, "\t");
    sb.append(",\n");
    sb.append("\t\"version\": ").append(m.version()).append("\n}");
    return sb.toString();
  }

  private static void addIfNonZero(List<String> out, String name, long v) {
    if (v != 0) {
      out.add("\"" + name + "\": " + Long.toUnsignedString(v));
    }
  }

  /** An object whose members are already rendered, opened at indentation {@code indent}. */
  private static void object(StringBuilder sb, List<String> members, String indent) {
    if (members.isEmpty()) {
      sb.append("{}");
      return;
    }
    sb.append("{\n");
    for (int i = 0; i < members.size(); i++) {
      sb.append(indent).append('\t').append(members.get(i)).append(i < members.size() - 1 ? ",\n" : "\n");
    }
    sb.append(indent).append('}');
  }

  private static String array(List<String> items, String indent) {
    StringBuilder sb = new StringBuilder("[\n");
    for (int i = 0; i < items.size(); i++) {
      sb.append(indent).append('\t').append(items.get(i)).append(i < items.size() - 1 ? ",\n" : "\n");
    }
    return sb.append(indent).append(']').toString();
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '<', '>', '&' -> sb.append(String.format("\\u%04x", (int) ch)); // as Go escapes HTML
        default -> {
          if (ch < 0x20) {
            sb.append(String.format("\\u%04x", (int) ch));
          } else {
            sb.append(ch);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** Parses a meta file's text; errors name {@code file} and the character offset. */
  static BlockMeta read(Path file, String text) {
    Parser p = new Parser(file, text);
    Object root = p.value();
    p.skipSpace();
    if (p.pos != text.length()) {
      throw p.error("unexpected text after the JSON object");
    }
    Map<?, ?> m = p.asObject(root, "meta");
    int version = (int) p.number(m, "version", true);
    if (version != BlockMeta.VERSION) {
      throw new CorruptBlockException(file, 0, "unsupported meta.json version " + version + ", supported: 1");
    }
    Ulid ulid = p.ulid(m.get("ulid"), "ulid");
    long minT = p.number(m, "minTime", true);
    long maxT = p.number(m, "maxTime", true);
    BlockMeta.Stats stats = BlockMeta.Stats.EMPTY;
    if (m.get("stats") != null) {
      Map<?, ?> s = p.asObject(m.get("stats"), "stats");
      stats = new BlockMeta.Stats(p.number(s, "numSamples", false), p.number(s, "numSeries", false),
          p.number(s, "numChunks", false), p.number(s, "numTombstones", false));
    }
    Map<?, ?> c = p.asObject(m.get("compaction"), "compaction");
    List<Ulid> sources = new ArrayList<>();
    for (Object o : p.asList(c.get("sources"), "compaction.sources")) {
      sources.add(p.ulid(o, "compaction.sources"));
    }
    List<BlockMeta.BlockDesc> parents = new ArrayList<>();
    for (Object o : p.asList(c.get("parents"), "compaction.parents")) {
      Map<?, ?> pm = p.asObject(o, "compaction.parents");
      parents.add(new BlockMeta.BlockDesc(p.ulid(pm.get("ulid"), "compaction.parents.ulid"),
          p.number(pm, "minTime", true), p.number(pm, "maxTime", true)));
    }
    List<String> hints = new ArrayList<>();
    for (Object o : p.asList(c.get("hints"), "compaction.hints")) {
      if (o instanceof String h) {
        hints.add(h);
      } else {
        throw new CorruptBlockException(file, 0, "compaction.hints: expected strings");
      }
    }
    try {
      return new BlockMeta(ulid, minT, maxT, stats,
          new BlockMeta.Compaction((int) p.number(c, "level", true), sources, p.bool(c, "deletable"), parents,
              p.bool(c, "failed"), hints), version);
    } catch (IllegalArgumentException e) {
      throw new CorruptBlockException(file, 0, e.getMessage());
    }
  }

  /** A small recursive-descent JSON parser into maps, lists, strings, numbers and booleans. */
  private static final class Parser {
    private final Path file;
    private final String s;
    private int pos;

    Parser(Path file, String s) {
      this.file = file;
      this.s = s;
    }

    CorruptBlockException error(String msg) {
      return new CorruptBlockException(file, pos, "bad meta.json: " + msg);
    }

    void skipSpace() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    Object value() {
      skipSpace();
      if (pos >= s.length()) {
        throw error("unexpected end of input");
      }
      char c = s.charAt(pos);
      switch (c) {
        case '{' -> {
          pos++;
          Map<String, Object> m = new LinkedHashMap<>();
          skipSpace();
          if (peek('}')) {
            return m;
          }
          do {
            skipSpace();
            String k = string();
            skipSpace();
            expect(':');
            m.put(k, value());
            skipSpace();
          } while (peek(','));
          expect('}');
          return m;
        }
        case '[' -> {
          pos++;
          List<Object> l = new ArrayList<>();
          skipSpace();
          if (peek(']')) {
            return l;
          }
          do {
            l.add(value());
            skipSpace();
          } while (peek(','));
          expect(']');
          return l;
        }
        case '"' -> {
          return string();
        }
        default -> {
          if (s.startsWith("true", pos)) {
            pos += 4;
            return Boolean.TRUE;
          }
          if (s.startsWith("false", pos)) {
            pos += 5;
            return Boolean.FALSE;
          }
          if (s.startsWith("null", pos)) {
            pos += 4;
            return null;
          }
          int start = pos;
          while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
            pos++;
          }
          if (start == pos) {
            throw error("unexpected character '" + c + "'");
          }
          String num = s.substring(start, pos);
          try {
            return num.matches("-?[0-9]+") ? (Object) Long.parseLong(num) : (Object) Double.parseDouble(num);
          } catch (NumberFormatException e) {
            pos = start;
            throw error("bad number " + num);
          }
        }
      }
    }

    private boolean peek(char c) {
      if (pos < s.length() && s.charAt(pos) == c) {
        pos++;
        return true;
      }
      return false;
    }

    private void expect(char c) {
      if (peek(c) == false) {
        throw error("expected '" + c + "'");
      }
    }

    private String string() {
      expect('"');
      StringBuilder sb = new StringBuilder();
      while (true) {
        if (pos >= s.length()) {
          throw error("unterminated string");
        }
        char c = s.charAt(pos++);
        if (c == '"') {
          return sb.toString();
        }
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        if (pos >= s.length()) {
          throw error("unterminated string");
        }
        char e = s.charAt(pos++);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'u' -> {
            if (pos + 4 > s.length()) {
              throw error("bad \\u escape");
            }
            try {
              sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("bad \\u escape");
            }
            pos += 4;
          }
          default -> sb.append(e);
        }
      }
    }

    Map<?, ?> asObject(Object o, String field) {
      if (o instanceof Map<?, ?> m) {
        return m;
      }
      throw new CorruptBlockException(file, 0, "bad meta.json: " + field + ": expected an object");
    }

    List<?> asList(Object o, String field) {
      if (o == null) {
        return List.of();
      }
      if (o instanceof List<?> l) {
        return l;
      }
      throw new CorruptBlockException(file, 0, "bad meta.json: " + field + ": expected an array");
    }

    long number(Map<?, ?> m, String field, boolean isRequired) {
      Object o = m.get(field);
      if (o == null && isRequired == false) {
        return 0;
      }
      if (o instanceof Long l) {
        return l;
      }
      throw new CorruptBlockException(file, 0, "bad meta.json: " + field + ": expected an integer, got " + o);
    }

    boolean bool(Map<?, ?> m, String field) {
      Object o = m.get(field);
      if (o == null) {
        return false;
      }
      if (o instanceof Boolean b) {
        return b;
      }
      throw new CorruptBlockException(file, 0, "bad meta.json: " + field + ": expected true or false");
    }

    Ulid ulid(Object o, String field) {
      if (o instanceof String str) {
        try {
          return Ulid.parse(str);
        } catch (IllegalArgumentException e) {
          throw new CorruptBlockException(file, 0, "bad meta.json: " + field + ": " + e.getMessage());
        }
      }
      throw new CorruptBlockException(file, 0, "bad meta.json: " + field + ": expected a ULID string");
    }
  }
}
