export * from './holidays';
export * from './working-hours';
export { type DayInfo, type DayKind } from './day-rules';
export * from './working-calendar';
