/**
 * How collector pods find their Kubernetes node. The model names nodes; on
 * Kubernetes a collector pod must run on the node it was generated for (its
 * config carries the node's hostname label, its log paths, its inputs), so
 * each node's DaemonSet selects:
 *
 *   kubernetes.io/hostname: <node>               the kubelet's label: that very node
 *   lmac.io/<cluster>-<role>: "true"             set by the operator: the node runs that role
 *
 * The role label is an opt-in: nothing is scheduled on a node until the
 * operator labels it (docs/kubernetes.md lists the commands), so applying a
 * domain's manifests to the wrong Kubernetes cluster starts no collectors.
 */
import { Codes, error, type Diagnostic } from '../../src/diagnostics/index.js';
import type { LmaNode } from './context.js';

/** The kubelet sets it to the node's hostname (docs/kubernetes.md: it must equal the model's node name). */
export const HOSTNAME_LABEL = 'kubernetes.io/hostname';
/** The pod label that tells one node's collector pods from another's (part of each DaemonSet's selector). */
export const NODE_POD_LABEL = 'lmac.io/node';

/** The collector roles of `lma.roles` that run on a node, as they appear in node labels. */
export type CollectorRole = 'metric-collector' | 'log-collector';

/** `lmac.io/<cluster>-<role>`: the label an operator sets on the Kubernetes nodes of that role. */
export function roleLabel(cluster: string, role: CollectorRole): string {
  return `lmac.io/${cluster}-${role}`;
}

/** A label value, and a DNS subdomain that fits one: object names `<agent>-<node>` and the hostname label. */
const NODE_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const LABEL_VALUE_MAX = 63;
/** A label key's name part (after the `lmac.io/` prefix). */
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Whether a node's name can name its objects and select its Kubernetes node; an error when not. */
export function checkNodeName(node: LmaNode): Diagnostic | null {
  if (NODE_NAME.test(node.name) && node.name.length <= LABEL_VALUE_MAX) return null;
  return {
    ...error(
      Codes.KUBE_NODE_NAME_INVALID,
      `node ${node.name} cannot be deployed on Kubernetes: its collectors' objects are named after it and select it by the label ${HOSTNAME_LABEL}, so its name must be lower-case letters, digits, '-' and '.', start and end with a letter or digit, at most ${LABEL_VALUE_MAX} characters`,
      { file: node.file, line: 1, col: 1 },
    ),
    node: node.name,
  };
}

/** Whether the domain's node labels are valid label keys; an error when not. */
export function checkRoleLabels(cluster: string): Diagnostic | null {
  const longest = roleLabel(cluster, 'metric-collector').slice('lmac.io/'.length);
  if (LABEL_NAME.test(longest) && longest.length <= LABEL_VALUE_MAX) return null;
  return error(
    Codes.KUBE_NODE_LABEL_INVALID,
    `domain ${cluster}: the node label ${roleLabel(cluster, 'metric-collector')} is not a Kubernetes label key (the part after '/' must be at most ${LABEL_VALUE_MAX} characters of letters, digits, '-', '_' and '.'); use a shorter domain name`,
  );
}
