/**
 * Checks rule options against the subset of JSON Schema the rules' `meta.schema` uses (type,
 * properties, additionalProperties, items, enum, minimum), so a bad config fails with a message
 * instead of a rule misbehaving. ESLint validates the same schemas with ajv in the editor.
 */
import type { JsonSchema } from '../policy/rule.js';

export function validateAgainstSchema(value: unknown, schema: JsonSchema, where: string): string | null {
  const enumValues = schema['enum'] as unknown[] | undefined;
  if (enumValues && !enumValues.includes(value)) return `${where} must be one of ${enumValues.map((v) => JSON.stringify(v)).join(', ')}`;
  switch (schema['type']) {
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${where} must be an object`;
      const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
      for (const [key, child] of Object.entries(value)) {
        const childSchema = properties[key];
        if (!childSchema) {
          if (schema['additionalProperties'] === false) return `${where} has an unknown property "${key}"`;
          continue;
        }
        const problem = validateAgainstSchema(child, childSchema, `${where}.${key}`);
        if (problem) return problem;
      }
      return null;
    }
    case 'array': {
      if (!Array.isArray(value)) return `${where} must be an array`;
      const items = schema['items'] as JsonSchema | undefined;
      for (const [i, item] of value.entries()) {
        const problem = items ? validateAgainstSchema(item, items, `${where}[${i}]`) : null;
        if (problem) return problem;
      }
      return null;
    }
    case 'string':
      return typeof value === 'string' ? null : `${where} must be a string`;
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || (schema['type'] === 'integer' && !Number.isInteger(value))) return `${where} must be ${schema['type'] === 'integer' ? 'an integer' : 'a number'}`;
      const minimum = schema['minimum'] as number | undefined;
      return minimum !== undefined && value < minimum ? `${where} must be at least ${minimum}` : null;
    }
    case 'boolean':
      return typeof value === 'boolean' ? null : `${where} must be a boolean`;
    default:
      return null;
  }
}
