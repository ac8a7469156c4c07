export * from './stages';
export * from './roles';
export * from './case';
export * from './events';
export * from './commands';
export * from './context';
export * from './rules';
export { decide, allowedCommands, checkPermission, parseCommand, type Decision, type NewCaseEvent } from './decide';
export { evolve, replay } from './evolve';
