export { checkNode, type NodeCheck } from './check-node.js';
export { checkEntityKeys } from './entity-keys.js';
export { lintDomain } from './lint-domain.js';
export { lintDashboardQueries } from './lint-dashboards.js';
export { lintNode, GLOBAL_LABELS } from './lint-node.js';
export { lintSecrets } from './lint-secrets.js';
export { locateValue, type MergeTrace } from './locate.js';
export * from './lint-selection.js';
