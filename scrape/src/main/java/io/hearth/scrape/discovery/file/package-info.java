/**
 * {@code file_sd_configs}: targets read from JSON or YAML files matched by globs, re-read when the
 * files change and every {@code refresh_interval}; a bad file keeps its last good targets.
 */
package io.hearth.scrape.discovery.file;
