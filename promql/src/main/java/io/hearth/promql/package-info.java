/**
 * The PromQL language: parser, AST and evaluation engine. Arrives with issue 3; depends only on the storage interfaces in {@code io.hearth.storage}.
 */
package io.hearth.promql;
