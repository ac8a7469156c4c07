export * from './code-result';
export * from './admin-codes';
export * from './grid-code';
export * from './component-code';
