/**
 * Service accounts of the collector agents, and RBAC only where an agent
 * reads the Kubernetes API. Every agent runs under its own service account
 * (not the namespace's `default`), with no API token mounted unless its
 * inputs call the API: then a ClusterRole with exactly the rules those inputs
 * need (collector-agents.ts), bound to that account.
 */
import type { Chart } from 'cdk8s';
import { k8s, ServiceAccount } from 'cdk8s-plus-27';
import type { ApiRule } from './collector-agents.js';
import { componentLabels } from './context.js';

/** Cluster-scoped names carry the namespace: two domains in one Kubernetes cluster do not collide. */
export function clusterRoleName(namespace: string, agent: string): string {
  return `lmac-${namespace}-${agent}`;
}

export function addServiceAccount(chart: Chart, agent: string): void {
  new ServiceAccount(chart, `${agent}-serviceaccount`, {
    metadata: { name: agent, labels: componentLabels(agent) },
    // Pods that need the API ask for the token themselves (automountServiceAccountToken on the pod).
    automountToken: false,
  });
}

/** The rules in a stable order, each once. */
function uniqueRules(rules: readonly ApiRule[]): ApiRule[] {
  const byKey = new Map<string, ApiRule>();
  for (const r of rules) byKey.set(JSON.stringify(r), r);
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
}

export function addApiAccess(chart: Chart, namespace: string, agent: string, rules: readonly ApiRule[]): void {
  if (rules.length === 0) return;
  const name = clusterRoleName(namespace, agent);
  const labels = componentLabels(agent);
  // cdk8s spells PolicyRule's nonResourceURLs `nonResourceUrLs` (it writes the API's name).
  const policy = uniqueRules(rules).map((r): k8s.PolicyRule => ('nonResourceURLs' in r ? { nonResourceUrLs: r.nonResourceURLs, verbs: r.verbs } : r));
  new k8s.KubeClusterRole(chart, `${agent}-clusterrole`, { metadata: { name, labels }, rules: policy });
  new k8s.KubeClusterRoleBinding(chart, `${agent}-clusterrolebinding`, {
    metadata: { name, labels },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
    subjects: [{ kind: 'ServiceAccount', name: agent, namespace }],
  });
}
