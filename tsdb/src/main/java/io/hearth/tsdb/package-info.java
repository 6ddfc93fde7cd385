/**
 * The database as a whole: {@link io.hearth.tsdb.Db} opens a data directory, replays its WAL into
 * the head and hands out appenders and queriers. Wiring only; the parts live in the subpackages.
 */
package io.hearth.tsdb;
