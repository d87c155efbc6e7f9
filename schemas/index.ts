export * from './topics';
export * from './types';
