/**
 * Target discovery, relabeling, exposition parsing and scrape loops. Arrives with issue 4; appends through {@link io.hearth.storage.Appender}.
 */
package io.hearth.scrape;
