/**
 * The parameter form of an experiment panel, from the JSON Schema of its zod params (made at build
 * time with z.toJSONSchema), so the page never ships zod: the worker, loaded on Run, validates
 * again with the real schema. Supports what experiment params use: whole numbers and numbers with
 * bounds, booleans, string choices, and lists of numbers.
 */
export interface JsonSchemaObject {
  type: 'object';
  properties: Record<string, JsonSchemaProperty>;
}

export interface JsonSchemaProperty {
  type?: 'integer' | 'number' | 'boolean' | 'string' | 'array';
  minimum?: number;
  maximum?: number;
  enum?: string[];
  default?: unknown;
  description?: string;
  items?: JsonSchemaProperty;
  minItems?: number;
  maxItems?: number;
}

export type FieldKind = 'integer' | 'number' | 'boolean' | 'choice' | 'list';

export interface Field {
  name: string;
  kind: FieldKind;
  /** What the input shows first: the default, as text. */
  initial: string;
  /** A short hint of the allowed values, e.g. "16 to 2048, 1 to 8 values". */
  hint: string;
  options?: string[];
  schema: JsonSchemaProperty;
}

const numberHint = (s: JsonSchemaProperty) => {
  const kind = s.type === 'integer' ? 'whole number' : 'number';
  if (s.minimum !== undefined && s.maximum !== undefined) return `${kind} from ${s.minimum} to ${s.maximum}`;
  if (s.minimum !== undefined) return `${kind}, at least ${s.minimum}`;
  if (s.maximum !== undefined) return `${kind}, at most ${s.maximum}`;
  return kind;
};

export function fieldsFromSchema(schema: JsonSchemaObject): Field[] {
  return Object.entries(schema.properties).map(([name, s]) => {
    if (s.enum)
      return {
        name,
        kind: 'choice',
        initial: String(s.default ?? s.enum[0]),
        hint: s.enum.join(', '),
        options: s.enum,
        schema: s,
      };
    if (s.type === 'boolean')
      return { name, kind: 'boolean', initial: String(s.default ?? false), hint: 'yes or no', schema: s };
    if (s.type === 'integer' || s.type === 'number')
      return {
        name,
        kind: s.type,
        initial: s.default === undefined ? '' : String(s.default),
        hint: numberHint(s),
        schema: s,
      };
    if (s.type === 'array' && s.items && (s.items.type === 'integer' || s.items.type === 'number')) {
      const count =
        s.minItems !== undefined && s.maxItems !== undefined ? `, ${s.minItems} to ${s.maxItems} values` : '';
      const initial = Array.isArray(s.default) ? s.default.join(', ') : '';
      return { name, kind: 'list', initial, hint: `comma-separated; each a ${numberHint(s.items)}${count}`, schema: s };
    }
    throw new Error(`parameter "${name}": this form cannot edit ${JSON.stringify(s.type ?? s)}`);
  });
}

function parseNumber(text: string, s: JsonSchemaProperty): number | string {
  const trimmed = text.trim();
  if (trimmed === '' || !/^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(trimmed)) return `"${text}" is not a number`;
  const value = Number(trimmed);
  if (s.type === 'integer' && !Number.isInteger(value)) return `${value} is not a whole number`;
  if (s.minimum !== undefined && value < s.minimum) return `${value} is below the minimum, ${s.minimum}`;
  if (s.maximum !== undefined && value > s.maximum) return `${value} is above the maximum, ${s.maximum}`;
  return value;
}

/** Parses the form's text values: the params object, or one message per bad field. */
export function readForm(
  fields: readonly Field[],
  text: Record<string, string>,
): { params: Record<string, unknown>; errors: Record<string, string> } {
  const params: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const raw = text[field.name] ?? field.initial;
    if (field.kind === 'boolean') params[field.name] = raw === 'true';
    else if (field.kind === 'choice') {
      if (field.options?.includes(raw)) params[field.name] = raw;
      else errors[field.name] = `choose one of ${field.hint}`;
    } else if (field.kind === 'list') {
      const parts = raw.split(',').filter((p) => p.trim() !== '');
      const values = parts.map((p) => parseNumber(p, field.schema.items!));
      const bad = values.find((v) => typeof v === 'string');
      const { minItems = 0, maxItems = Infinity } = field.schema;
      if (bad !== undefined) errors[field.name] = bad as string;
      else if (values.length < minItems || values.length > maxItems)
        errors[field.name] = `give ${minItems} to ${maxItems} values, not ${values.length}`;
      else params[field.name] = values;
    } else {
      const value = parseNumber(raw, field.schema);
      if (typeof value === 'string') errors[field.name] = value;
      else params[field.name] = value;
    }
  }
  return { params, errors };
}
