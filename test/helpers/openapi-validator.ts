import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import type { Exchange } from '../../sandbox/platform/platform-server';

export const OPENAPI_FILE = fileURLToPath(
  new URL('../../shared/platform/platform-api.openapi.yaml', import.meta.url),
);

type Json = Record<string, unknown>;
interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  params: Json[];
  op: Json;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

/**
 * Checks recorded exchanges against the platform's OpenAPI 3.1 document with Ajv (JSON Schema
 * 2020-12, which OpenAPI 3.1 uses): the operation exists, required headers (Idempotency-Key,
 * If-Match) and bodies are there and valid, the response matches its status's schema and
 * required headers. Independent of the zod schemas the client and sandbox use.
 */
export function openApiValidator(): {
  /** Problems with the request and with the response of one exchange. */
  check(exchange: Exchange): string[];
  checkRequest(exchange: Exchange): string[];
  checkResponse(exchange: Exchange): string[];
  operations: number;
} {
  const doc = parse(fs.readFileSync(OPENAPI_FILE, 'utf8')) as Json;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc, 'openapi.json');
  const components = doc.components as Record<string, Record<string, Json>>;
  const deref = (value: Json): Json => {
    const ref = value.$ref;
    if (typeof ref !== 'string') return value;
    const [, , group, name] = ref.split('/');
    const target = components[group ?? '']?.[name ?? ''];
    if (!target) throw new Error(`unresolved ${ref}`);
    return deref(target);
  };
  const cache = new Map<Json, ValidateFunction>();
  const validator = (schema: Json): ValidateFunction => {
    let fn = cache.get(schema);
    if (!fn) {
      fn =
        typeof schema.$ref === 'string'
          ? (ajv.getSchema(`openapi.json${schema.$ref}`) as ValidateFunction)
          : ajv.compile(schema);
      cache.set(schema, fn);
    }
    return fn;
  };
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths as Record<string, Json>)) {
    const shared = (item.parameters as Json[] | undefined) ?? [];
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      operations.push({
        method: method.toUpperCase(),
        template,
        pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '([^/]+)')}$`),
        params: [...shared, ...((op.parameters as Json[] | undefined) ?? [])].map(deref),
        op,
      });
    }
  }
  const problems = (fn: ValidateFunction, value: unknown, where: string): string[] =>
    fn(value) ? [] : (fn.errors ?? []).map((e) => `${where}${e.instancePath} ${e.message ?? ''}`);

  const find = (ex: Exchange) => {
    const label = `${ex.method} ${ex.path} -> ${ex.status}`;
    return {
      label,
      operation: operations.find((o) => o.method === ex.method && o.pattern.test(ex.path)),
    };
  };
  const checkRequest = (ex: Exchange): string[] => {
    const { label, operation } = find(ex);
    if (!operation) return [`${label}: no such operation in the OpenAPI document`];
    const out: string[] = [];
    for (const p of operation.params) {
      const name = String(p.name);
      const schema = p.schema as Json;
      if (p.in === 'header') {
        const value = ex.headers[name.toLowerCase()];
        if (value === undefined) {
          if (p.required) out.push(`${label}: request lacks the required header ${name}`);
        } else out.push(...problems(validator(schema), value, `${label}: header ${name}`));
      } else if (p.in === 'query') {
        const raw = ex.query[name];
        if (raw === undefined) continue;
        const typed = deref(schema).type === 'integer' ? Number(raw) : raw;
        out.push(...problems(validator(schema), typed, `${label}: query ${name}`));
      }
    }
    const body = operation.op.requestBody as Json | undefined;
    if (body) {
      const schema = (body.content as Record<string, Json>)['application/json']?.schema as Json;
      if (ex.requestBody === undefined) {
        if (body.required) out.push(`${label}: request lacks its JSON body`);
      } else out.push(...problems(validator(schema), ex.requestBody, `${label}: request body`));
    } else if (ex.requestBody !== undefined) out.push(`${label}: the operation takes no body`);
    return out;
  };
  const checkResponse = (ex: Exchange): string[] => {
    const { label, operation } = find(ex);
    if (!operation) return [`${label}: no such operation in the OpenAPI document`];
    const out: string[] = [];
    const responses = operation.op.responses as Record<string, Json>;
    const declared = responses[String(ex.status)] ?? responses.default;
    if (!declared) return [...out, `${label}: status not declared for the operation`];
    const response = deref(declared);
    const schema = (response.content as Record<string, Json> | undefined)?.['application/json']
      ?.schema as Json | undefined;
    if (schema)
      out.push(...problems(validator(schema), ex.responseBody, `${label}: response body`));
    for (const [name, h] of Object.entries((response.headers as Record<string, Json>) ?? {})) {
      const spec = deref(h);
      const value = Object.entries(ex.responseHeaders).find(
        ([k]) => k.toLowerCase() === name.toLowerCase(),
      )?.[1];
      if (value === undefined) {
        if (spec.required) out.push(`${label}: response lacks the required header ${name}`);
      } else
        out.push(...problems(validator(spec.schema as Json), value, `${label}: header ${name}`));
    }
    return out;
  };
  return {
    operations: operations.length,
    checkRequest,
    checkResponse,
    check: (ex) => [...checkRequest(ex), ...checkResponse(ex)],
  };
}
