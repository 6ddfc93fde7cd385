/**
 * Byte-level building blocks shared by the on-disk formats (WAL records, index, blocks): a growable
 * encoding buffer, a bounds-checked decoder, and the slice type that passes bytes between them.
 *
 * <p>Multi-byte integers are big-endian and varints follow Go's {@code encoding/binary}, so what
 * these types write is what Prometheus writes.
 */
package io.hearth.tsdb.io;
