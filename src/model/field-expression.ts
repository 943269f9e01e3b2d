/**
 * StackLight field expressions, the matchers of a trigger rule's `field`:
 * operands compared with `== != > >= < <=` or patterns with `=~ !~`, joined
 * by `&&` and `||` (`&&` binds tighter); an operand without an operator means
 * `==`, also after `&&`/`||`. Example: `'== GET || == POST'`.
 */

export type FieldOperator = '==' | '!=' | '>' | '>=' | '<' | '<=' | '=~' | '!~';

export interface FieldTerm {
  op: FieldOperator;
  value: string;
}

/** A disjunction of conjunctions: any group whose terms all hold. */
export type FieldExpression = FieldTerm[][];

export type ParsedField = { ok: true; expr: FieldExpression } | { ok: false; message: string };

const OPERAND = /^(==|!=|>=|<=|=~|!~|>|<)?\s*(.*)$/s;
const NUMERIC = new Set<FieldOperator>(['>', '>=', '<', '<=']);

export function parseFieldExpression(source: string | number | boolean): ParsedField {
  if (typeof source !== 'string') return { ok: true, expr: [[{ op: '==', value: String(source) }]] };
  const expr: FieldExpression = [];
  for (const alternative of source.split('||')) {
    const group: FieldTerm[] = [];
    for (const raw of alternative.split('&&')) {
      const text = raw.trim();
      const m = OPERAND.exec(text);
      const op = (m?.[1] ?? '==') as FieldOperator;
      const value = (m?.[2] ?? '').trim();
      if (value === '') return { ok: false, message: text === '' ? `empty operand in '${source}'` : `operator '${op}' has no value in '${source}'` };
      if (NUMERIC.has(op) && !Number.isFinite(Number(value))) return { ok: false, message: `'${op} ${value}' compares with a value that is not a number in '${source}'` };
      group.push({ op, value });
    }
    expr.push(group);
  }
  return { ok: true, expr };
}
