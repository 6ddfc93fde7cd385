/**
 * {@code --web.config.file}, as Prometheus's exporter toolkit reads it: TLS for the listener
 * (certificates, client-certificate policies, versions, ciphers, curves), extra response headers,
 * a request rate limit and basic-auth users with bcrypt hashes. The Netty handlers that apply it
 * live in {@code server.http}; this package holds the file's model, its strict binding, the TLS
 * engine factory and the password checks.
 */
package io.hearth.server.web;
