package io.hearth.scrape.config;

/** {@code basic_auth}: the password is given inline or read from a file on every request. */
public record BasicAuth(String username, String usernameFile, String password, String passwordFile) {}
