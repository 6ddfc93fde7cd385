package io.hearth.labels;

/**
 * {@code metric_name_escaping_scheme}: what the scrape asks a target to do with names that are not
 * legacy-valid, sent as the {@code escaping=} parameter of the {@code Accept} header.
 */
public enum NameEscaping {
  /** {@code allow-utf-8}: send names as they are. */
  ALLOW_UTF8("allow-utf-8"),
  /** {@code underscores}: replace each invalid character with {@code _}. */
  UNDERSCORES("underscores"),
  /** {@code dots}: {@code .} becomes {@code _dot_}, {@code _} becomes {@code __}, others {@code __}. */
  DOTS("dots"),
  /** {@code values}: {@code U__} followed by the code points of invalid characters. */
  VALUES("values");

  private final String headerValue;

  NameEscaping(String headerValue) {
    this.headerValue = headerValue;
  }

  public String headerValue() {
    return headerValue;
  }
}
