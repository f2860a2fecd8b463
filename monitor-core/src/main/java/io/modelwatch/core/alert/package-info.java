/**
 * Alerts: rules on a metric's window results ({@link io.modelwatch.core.alert.AlertCondition}),
 * their state per (monitor, metric, segment, rule) ({@link io.modelwatch.core.alert.AlertManager}),
 * and the channels transitions go to ({@link io.modelwatch.core.alert.AlertChannel}).
 */
package io.modelwatch.core.alert;
