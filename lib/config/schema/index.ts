export * from './common';
export * from './organization';
export * from './team';
