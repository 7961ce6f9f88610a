import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

import { COMMANDS, describeDto, type FieldSchema } from '@ledger/ledger';

type Schema = Record<string, unknown>;

/** A command's input as JSON Schema, from the same validator metadata the API enforces. */
function schemaOf(fields: readonly FieldSchema[]): Schema {
  const property = (f: FieldSchema): Schema => {
    switch (f.type) {
      case 'integer':
        return { type: 'integer', minimum: f.min, maximum: f.max };
      case 'fen':
        return { type: 'integer', minimum: 0, description: '金额，单位：分 (integer fen)' };
      case 'date':
        return { type: 'string', format: 'date', description: 'Asia/Shanghai business date' };
      case 'enum':
        return { type: 'string', enum: f.enum };
      case 'boolean':
        return { type: 'boolean' };
      case 'number':
        return { type: 'number', minimum: f.min, maximum: f.max };
      case 'array':
        return { type: 'array', items: f.items ? schemaOf(f.items) : {} };
      case 'object':
        return f.items ? schemaOf(f.items) : { type: 'object' };
      default:
        return { type: 'string', pattern: f.pattern, minLength: f.minLength, maxLength: f.maxLength };
    }
  };
  return {
    type: 'object',
    additionalProperties: false,
    required: fields.filter((f) => f.required).map((f) => f.name),
    properties: Object.fromEntries(fields.map((f) => [f.name, property(f)])),
  };
}

/** OpenAPI at /api/docs (UI) and /api/docs-json: the controllers, plus one documented path per command. */
export function setupOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('交通警察案件与统计台账 API — traffic-police ledger')
    .setDescription(
      'Commands post records (event-sourced, append-only); views and reports read projections. Bearer token on every route except /health.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = { ...document.components, schemas: { ...(document.components?.schemas ?? {}) } };
  for (const c of COMMANDS) {
    document.components.schemas![c.name] = schemaOf(describeDto(c.dto)) as never;
    document.paths[`/api/v1/commands/${c.name}`] = {
      post: {
        summary: `${c.summaryZh} (${c.name})`,
        description: `Roles: ${c.roles.join(', ')}. Idempotency-Key makes a retry safe; If-Match pins the stream version.`,
        tags: ['commands'],
        security: [{ bearer: [] }],
        parameters: [
          { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } },
          { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' } },
        ],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: `#/components/schemas/${c.name}` } } },
        },
        responses: {
          '201': { description: 'appended' },
          '200': { description: 'a retry: the first outcome' },
          '400': { description: 'invalid input, every field named' },
          '403': { description: 'role, unit or squad not allowed' },
          '409': { description: 'conflict with the stream (version, state, closed year)' },
        },
      },
    };
  }
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return document;
}
