import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage, ValidationTypes } from 'class-validator';

// class-transformer keeps @Type metadata in a storage its package does not export a typed path for.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: MetadataStorage;
};

/**
 * A command's input shape read back from its class-validator decorators — the very rules the API enforces — so the
 * dashboard's forms and docs/events.md cannot drift from validation.
 */
export interface FieldSchema {
  readonly name: string;
  readonly required: boolean;
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'fen' | 'enum' | 'array' | 'object';
  readonly enum?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly items?: readonly FieldSchema[];
}

const TYPE_BY_VALIDATOR: Record<string, FieldSchema['type']> = {
  isString: 'string',
  matches: 'string',
  isInt: 'integer',
  isNumber: 'number',
  isBoolean: 'boolean',
  isCalendarDate: 'date',
  isFen: 'fen',
  isIn: 'enum',
  isEnum: 'enum',
  isArray: 'array',
};

export function describeDto(dto: new () => object): FieldSchema[] {
  const metas = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const byField = new Map<string, typeof metas>();
  for (const m of metas) byField.set(m.propertyName, [...(byField.get(m.propertyName) ?? []), m]);
  return [...byField.entries()].map(([name, list]) => {
    const schema: {
      -readonly [K in keyof FieldSchema]: FieldSchema[K];
    } = { name, required: true, type: 'string' };
    for (const m of list) {
      if (m.type === ValidationTypes.CONDITIONAL_VALIDATION) schema.required = false;
      if (m.type === ValidationTypes.NESTED_VALIDATION) {
        // The nested class is known to class-transformer (@Type), not to the validator.
        const nested = defaultMetadataStorage.findTypeMetadata(dto, name)?.typeFunction() as
          (new () => object) | undefined;
        if (schema.type !== 'array') schema.type = 'object';
        if (nested) schema.items = describeDto(nested);
        continue;
      }
      const validator = m.name ?? '';
      const constraints = (m.constraints ?? []) as unknown[];
      const type = TYPE_BY_VALIDATOR[validator];
      // `string` never overrides a more specific type found on the same field (an enum, a date, fen).
      if (type && (type !== 'string' || schema.type === 'string')) schema.type = type;
      if (validator === 'isIn') schema.enum = (constraints[0] as unknown[]).map(String);
      if (validator === 'isEnum') schema.enum = Object.values(constraints[0] as object).map(String);
      if (validator === 'min') schema.min = constraints[0] as number;
      if (validator === 'max') schema.max = constraints[0] as number;
      if (validator === 'minLength') schema.minLength = constraints[0] as number;
      if (validator === 'maxLength') schema.maxLength = constraints[0] as number;
      if (validator === 'matches')
        schema.pattern = String((constraints[0] as RegExp).source ?? constraints[0]);
    }
    return schema;
  });
}
