/**
 * Reclass settings (reclass-config.yml), with Reclass 1.7's defaults.
 * Only the options that change rendering are modelled; unknown keys are kept
 * out so a typo is reported instead of silently ignored.
 */
import type { Diagnostic } from '../diagnostics/index.js';
import { Codes, error } from '../diagnostics/index.js';
import { locateInYaml } from './yaml-load.js';

export interface Settings {
  nodesUri: string;
  classesUri: string;
  composeNodeName: boolean;
  classMappings: string[];
  classMappingsMatchPath: boolean;
  ignoreClassNotfound: boolean;
  ignoreClassNotfoundRegexp: string[];
  ignoreClassNotfoundWarning: boolean;
  ignoreOverwrittenMissingReferences: boolean;
  strictConstantParameters: boolean;
  allowScalarOverDict: boolean;
  allowScalarOverList: boolean;
  allowListOverScalar: boolean;
  allowDictOverScalar: boolean;
  allowNoneOverride: boolean;
  automaticParameters: boolean;
  defaultEnvironment: string;
  delimiter: string;
  inventoryIgnoreFailedNode: boolean;
  inventoryIgnoreFailedRender: boolean;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  nodesUri: 'nodes',
  classesUri: 'classes',
  composeNodeName: false,
  classMappings: [],
  classMappingsMatchPath: false,
  ignoreClassNotfound: false,
  ignoreClassNotfoundRegexp: ['.*'],
  ignoreClassNotfoundWarning: true,
  ignoreOverwrittenMissingReferences: true,
  strictConstantParameters: true,
  allowScalarOverDict: false,
  allowScalarOverList: false,
  allowListOverScalar: false,
  allowDictOverScalar: false,
  allowNoneOverride: false,
  automaticParameters: true,
  defaultEnvironment: 'base',
  delimiter: ':',
  inventoryIgnoreFailedNode: false,
  inventoryIgnoreFailedRender: false,
});

type Kind = 'bool' | 'string' | 'strings';
/** reclass-config.yml key -> [Settings field, kind]. */
const KEYS: Record<string, [keyof Settings, Kind]> = {
  nodes_uri: ['nodesUri', 'string'],
  classes_uri: ['classesUri', 'string'],
  compose_node_name: ['composeNodeName', 'bool'],
  class_mappings: ['classMappings', 'strings'],
  class_mappings_match_path: ['classMappingsMatchPath', 'bool'],
  ignore_class_notfound: ['ignoreClassNotfound', 'bool'],
  ignore_class_notfound_regexp: ['ignoreClassNotfoundRegexp', 'strings'],
  ignore_class_notfound_warning: ['ignoreClassNotfoundWarning', 'bool'],
  ignore_overwritten_missing_references: ['ignoreOverwrittenMissingReferences', 'bool'],
  strict_constant_parameters: ['strictConstantParameters', 'bool'],
  allow_scalar_over_dict: ['allowScalarOverDict', 'bool'],
  allow_scalar_over_list: ['allowScalarOverList', 'bool'],
  allow_list_over_scalar: ['allowListOverScalar', 'bool'],
  allow_dict_over_scalar: ['allowDictOverScalar', 'bool'],
  allow_none_override: ['allowNoneOverride', 'bool'],
  automatic_parameters: ['automaticParameters', 'bool'],
  default_environment: ['defaultEnvironment', 'string'],
  delimiter: ['delimiter', 'string'],
  inventory_ignore_failed_node: ['inventoryIgnoreFailedNode', 'bool'],
  inventory_ignore_failed_render: ['inventoryIgnoreFailedRender', 'bool'],
};

/** Options Reclass accepts in its config file that do not change what lmac renders. */
const IGNORED_KEYS = new Set([
  'storage_type', 'inventory_base_uri', 'pretty_print', 'output', 'no_refs', 'group_errors',
  'applications_postfix', 'scalar_parameters',
]);

/** Builds Settings from a parsed reclass-config.yml; problems become diagnostics. */
export function settingsFromConfig(raw: unknown, file: string, text = ''): { settings: Settings; diagnostics: Diagnostic[] } {
  const settings: Settings = { ...DEFAULT_SETTINGS, classMappings: [], ignoreClassNotfoundRegexp: ['.*'] };
  const diagnostics: Diagnostic[] = [];
  const at = (key?: string) => ({ file, ...((key !== undefined && text ? locateInYaml(text, [key]) : undefined) ?? { line: 1, col: 1 }) });
  const loc = at();
  if (raw === null || raw === undefined) return { settings, diagnostics };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    diagnostics.push(error(Codes.CONFIG_INVALID, 'reclass-config.yml must be a mapping of settings', loc));
    return { settings, diagnostics };
  }
  const target = settings as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const spec = KEYS[key];
    if (!spec) {
      if (!IGNORED_KEYS.has(key)) diagnostics.push(error(Codes.CONFIG_INVALID, `unknown setting '${key}' in reclass-config.yml`, at(key)));
      continue;
    }
    const [field, kind] = spec;
    if (kind === 'bool') {
      if (typeof value !== 'boolean') diagnostics.push(error(Codes.CONFIG_INVALID, `setting '${key}' must be true or false`, at(key)));
      else target[field] = value;
    } else if (kind === 'string') {
      if (typeof value !== 'string' || value === '') diagnostics.push(error(Codes.CONFIG_INVALID, `setting '${key}' must be a non-empty string`, at(key)));
      else target[field] = value;
    } else {
      // Reclass accepts a single string where it expects a list of patterns.
      const list = typeof value === 'string' ? [value] : value;
      if (!Array.isArray(list) || !list.every((v) => typeof v === 'string')) {
        diagnostics.push(error(Codes.CONFIG_INVALID, `setting '${key}' must be a list of strings`, at(key)));
      } else target[field] = list;
    }
  }
  return { settings, diagnostics };
}
