package io.hearth.scrape.loop;

import io.hearth.scrape.parse.MetricType;

/** A metric family's TYPE, HELP and UNIT as a target exposed them ("" when absent). */
public record MetricMetadata(String metric, MetricType type, String help, String unit) {}
