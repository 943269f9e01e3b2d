export * from './catalog.js';
export * from './load.js';
export * from './markdown.js';
