/**
 * The series index: {@link io.hearth.tsdb.index.Postings} (sorted ref iterators and their lazy set
 * operations), {@link io.hearth.tsdb.index.MemPostings} (the head's concurrent inverted index) and
 * {@link io.hearth.tsdb.index.IndexReader}, the read side shared by the head and on-disk blocks;
 * {@link io.hearth.tsdb.index.IndexFileWriter} and {@link io.hearth.tsdb.index.IndexFileReader}
 * write and read a block's {@code index} file in Prometheus's format.
 */
package io.hearth.tsdb.index;
