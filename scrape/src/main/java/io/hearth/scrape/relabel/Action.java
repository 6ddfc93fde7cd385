package io.hearth.scrape.relabel;

/** A relabel rule's action; the YAML name is the lower-case enum name. */
public enum Action {
  REPLACE,
  KEEP,
  DROP,
  KEEPEQUAL,
  DROPEQUAL,
  HASHMOD,
  LABELMAP,
  LABELDROP,
  LABELKEEP,
  LOWERCASE,
  UPPERCASE
}
