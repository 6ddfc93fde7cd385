/**
 * The Hearth process: command-line flags, start-up and shutdown. The only package that wires
 * storage, PromQL and scraping together.
 */
package io.hearth.server;
