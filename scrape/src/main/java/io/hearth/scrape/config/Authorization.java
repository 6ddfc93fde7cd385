package io.hearth.scrape.config;

/**
 * {@code authorization} (and the older {@code bearer_token}/{@code bearer_token_file}, which
 * become type {@code Bearer}): the credentials are inline or read from a file on every request,
 * so a rotated service-account token is picked up.
 */
public record Authorization(String type, String credentials, String credentialsFile) {}
