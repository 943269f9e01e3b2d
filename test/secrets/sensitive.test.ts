/**
 * Which fields are sensitive: derived from the schema's `x-lmac-sensitive`
 * annotation (walked through $refs), plus credential-named keys of free-form
 * input options; the annotation is accepted by the strict validator and kept
 * out of the editor's class schema.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { readSchema } from '../../src/schema/files.js';
import { isPlain, isSensitiveKey, isSensitivePath, sensitivePatterns, sensitiveValues, unprotectedValues, SENSITIVE_KEYS } from '../../src/secrets/sensitive.js';

describe('GIVEN schema/lma.schema.json', () => {
  it('WHEN it is walked for x-lmac-sensitive THEN exactly the credential fields are found', () => {
    const found = sensitivePatterns().map((p) => `${p.kind} ${p.path.join(':')}`).sort();
    expect(found).toEqual(
      [
        'value backends:influxdb:password',
        'value backends:elasticsearch:password',
        'value handlers:*:slack:api_url',
        'value handlers:*:pagerduty:routing_key',
        'value handlers:*:email:auth_password',
        'value handlers:*:webhook:url',
        'value handlers:*:env:*',
        'keys inputs:*:options',
      ].sort(),
    );
  });

  it('WHEN a schema annotates a list item behind a $ref THEN the walk finds it with # for the index', () => {
    const schema = { type: 'object', properties: { a: { type: 'array', items: { $ref: '#/$defs/x' } } }, $defs: { x: { type: 'object', properties: { token: { type: 'string', 'x-lmac-sensitive': true } } } } };
    expect(sensitivePatterns(schema)).toEqual([{ path: ['a', '#', 'token'], kind: 'value' }]);
    expect(sensitiveValues({ a: [{ token: 't1' }, { token: 't2' }] }, sensitivePatterns(schema)).map((v) => v.path)).toEqual([
      ['a', 0, 'token'],
      ['a', 1, 'token'],
    ]);
  });

  it('THEN the derived class schema carries no x-lmac- keyword, and the strict validator compiles both', () => {
    expect(JSON.stringify(readSchema('lma-class.schema.json'))).not.toContain('x-lmac-');
    expect(JSON.stringify(readSchema('lma.schema.json'))).toContain('"x-lmac-sensitive":true');
    const strict = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true });
    expect(() => strict.compile(readSchema('lma.schema.json'))).toThrow(/x-lmac-sensitive/);
    strict.addKeyword({ keyword: 'x-lmac-sensitive', schemaType: ['boolean', 'string'] });
    expect(() => strict.compile(readSchema('lma.schema.json'))).not.toThrow();
  });
});

describe('GIVEN the values of a node lma', () => {
  const lma = {
    plaintext_allowed: ['handlers:ops:env:PUBLIC'],
    backends: { influxdb: { username: 'telegraf', password: 'p4ssw0rd' }, elasticsearch: { password: '' } },
    handlers: { ops: { env: { PUBLIC: 'public-value', TOKEN: '?{secret:ops/token}' }, slack: { api_url: 'https://hooks.slack.com/x' } } },
    inputs: { web: { options: { url: 'http://x', Password: 'abc123', nested: [{ bearer_token_string: 'tok-1' }], secret_file: '/etc/x', headers: { API_KEY: 42 } } } },
  };

  it('WHEN sensitive values are listed THEN credential-named option keys count in any case and at any depth, other keys do not', () => {
    const paths = sensitiveValues(lma).map((v) => v.path.join(':')).sort();
    expect(paths).toEqual(
      [
        'backends:influxdb:password',
        'backends:elasticsearch:password',
        'handlers:ops:env:PUBLIC',
        'handlers:ops:env:TOKEN',
        'handlers:ops:slack:api_url',
        'inputs:web:options:Password',
        'inputs:web:options:nested:0:bearer_token_string',
        'inputs:web:options:headers:API_KEY',
      ].sort(),
    );
  });

  it('WHEN the unprotected values are asked for THEN references, empty values and opted-out paths are left out', () => {
    expect(unprotectedValues(lma).map((v) => `${v.path.join(':')}=${String(v.value)}`).sort()).toEqual(
      ['backends:influxdb:password=p4ssw0rd', 'handlers:ops:slack:api_url=https://hooks.slack.com/x', 'inputs:web:options:Password=abc123', 'inputs:web:options:nested:0:bearer_token_string=tok-1', 'inputs:web:options:headers:API_KEY=42'].sort(),
    );
  });

  it('THEN plain means a non-empty string or number that is not a reference', () => {
    expect([isPlain('x'), isPlain(12), isPlain(''), isPlain('?{secret:a/b}'), isPlain(true), isPlain(null)]).toEqual([true, true, false, false, false, false]);
    expect(SENSITIVE_KEYS.every((k) => isSensitiveKey(k.toUpperCase()))).toBe(true);
    expect(isSensitiveKey('username')).toBe(false);
  });

  it('THEN a path is sensitive when it matches a field or lies under a credential key of options', () => {
    expect(isSensitivePath(['backends', 'influxdb', 'password'])).toBe(true);
    expect(isSensitivePath(['backends', 'influxdb', 'url'])).toBe(false);
    expect(isSensitivePath(['handlers', 'any', 'env', 'X'])).toBe(true);
    expect(isSensitivePath(['inputs', 'web', 'options', 'servers', '0', 'Token'])).toBe(true);
    expect(isSensitivePath(['inputs', 'web', 'options', 'urls'])).toBe(false);
  });
});
