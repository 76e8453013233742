export * from './common';
export * from './organization';
export * from './team';
export * from './values';
