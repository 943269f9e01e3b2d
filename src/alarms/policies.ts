/**
 * StackLight's shipped alarm-cluster policies, as data (the same shape as a
 * user-defined `lma:policies` entry). highest_severity falls back to unknown,
 * as StackLight's shipped heka.yml does (its test suite ends with okay).
 */
import type { Policy, PolicyRule, Severity } from '../model/lma-types.js';

const rule = (fn: 'count' | 'percent', args: Severity[], op: PolicyRule['relational_operator'], threshold: number): PolicyRule => ({ function: fn, arguments: args, relational_operator: op, threshold });
const when = (status: Severity, rules: PolicyRule[], logical_operator: 'or' | 'and' = 'or'): Policy[number] => ({ status, trigger: { logical_operator, rules } });
const always = (status: Severity): Policy[number] => ({ status, trigger: null });

export const BUILTIN_POLICIES: Readonly<Record<string, Policy>> = {
  highest_severity: [
    when('down', [rule('count', ['down'], '>', 0)]),
    when('critical', [rule('count', ['critical'], '>', 0)]),
    when('warning', [rule('count', ['warning'], '>', 0)]),
    when('okay', [rule('count', ['okay'], '>', 0)]),
    always('unknown'),
  ],
  availability_of_members: [
    when('down', [rule('count', ['okay'], '==', 0)]),
    when('critical', [rule('count', ['okay'], '==', 1), rule('count', ['down'], '>', 0)], 'and'),
    when('warning', [rule('count', ['okay'], '>=', 2), rule('count', ['down'], '>', 0)], 'and'),
    when('okay', [rule('percent', ['okay'], '==', 100)]),
    always('unknown'),
  ],
  status_of_members: [
    when('down', [rule('percent', ['down'], '==', 100)]),
    when('critical', [rule('count', ['okay', 'warning'], '<=', 1), rule('count', ['critical', 'down', 'unknown'], '>', 0)], 'and'),
    when('warning', [rule('percent', ['okay'], '!=', 100)]),
    when('okay', [rule('percent', ['okay'], '==', 100)]),
    always('unknown'),
  ],
  majority_of_node_members: [
    when('down', [rule('percent', ['down'], '==', 100)]),
    when('critical', [rule('percent', ['down', 'critical'], '>=', 50)]),
    when('warning', [rule('percent', ['down', 'critical', 'warning', 'unknown'], '>', 0)]),
    always('okay'),
  ],
  majority_of_members: [
    when('down', [rule('percent', ['down'], '>', 50)]),
    when('critical', [rule('percent', ['down', 'critical'], '>', 20), rule('percent', ['okay'], '<', 50)], 'and'),
    when('warning', [rule('percent', ['okay'], '<', 50)]),
    always('okay'),
  ],
};
