// A segment record's rules with the rule engine behind them: loaded when a segment is first
// written, so the data worker's start-up does not carry domain/analytics/segment.ts.
export { segmentRules } from '../store/analytics';
export { segmentFields } from '../domain/analytics/segment';
