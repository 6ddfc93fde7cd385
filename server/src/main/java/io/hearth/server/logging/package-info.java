/**
 * Hearth's log output as Prometheus 3.x writes it (slog through promslog): one line per record on
 * stderr, logfmt ({@code time=… level=INFO source=File.java:12 msg="…" key=value}) or JSON, filtered
 * by {@code --log.level}. Installed as the root {@code java.util.logging} handler, so
 * {@code java.util.logging}, {@code System.Logger} and Netty's logging all end up here.
 */
package io.hearth.server.logging;
