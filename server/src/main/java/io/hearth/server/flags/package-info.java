/**
 * Prometheus 3.x's command line: the table of every flag with its name, type and default, a parser
 * with kingpin's rules, the {@code --help} text, and the translation into a {@link
 * io.hearth.server.Server.Config}, with a warning for each flag whose feature Hearth lacks.
 */
package io.hearth.server.flags;
