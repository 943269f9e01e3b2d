export { sensuGenerator } from './generator.js';
