/**
 * Checks request bodies against GitHub's own published API descriptions:
 * REST against the OpenAPI document in @octokit/openapi, GraphQL queries and
 * variables against the schema in @octokit/graphql-schema. A test helper
 * that fails the test on a violation.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { schema as githubGraphqlSchema } from "@octokit/graphql-schema";
import { buildClientSchema, parse, validate as validateGraphql, type GraphQLSchema } from "graphql";

const require = createRequire(import.meta.url);
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void;

interface OpenApiDoc {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: unknown }> }; parameters?: unknown[] }>>;
  components: Record<string, unknown>;
}

let doc: OpenApiDoc | undefined;
let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction | null>();
let templates: Array<{ template: string; re: RegExp }> | undefined;

function openapi(): OpenApiDoc {
  doc ??= JSON.parse(readFileSync(require.resolve("@octokit/openapi/generated/api.github.com.json"), "utf8")) as OpenApiDoc;
  return doc;
}

function compiler(): Ajv {
  if (!ajv) {
    ajv = new Ajv({ strict: false, allErrors: true, discriminator: true, validateFormats: true });
    addFormats(ajv);
    ajv.addSchema({ $id: "github", components: openapi().components }, "github");
  }
  return ajv;
}

/** The OpenAPI path template (`/repos/{owner}/{repo}/check-runs`) for a concrete path. */
export function pathTemplate(path: string): string | undefined {
  templates ??= Object.keys(openapi().paths)
    .map((template) => ({ template, re: new RegExp("^" + template.replace(/\{[^}]+\}/g, "[^/]+") + "$") }))
    // Literal segments before parameters: /repos/{o}/{r}/check-runs beats /repos/{o}/{r}/{x}
    .sort((a, b) => (b.template.match(/\{/g)?.length ?? 0) < (a.template.match(/\{/g)?.length ?? 0) ? 1 : -1);
  return templates.find((t) => t.re.test(path))?.template;
}

/** OpenAPI 3.0's `nullable` beside `oneOf` with no `type` (GitHub writes it, Ajv refuses it) as JSON Schema: X or null. */
function nullableWithoutType(_key: string, value: unknown): unknown {
  if (value && typeof value === "object" && !Array.isArray(value) && (value as { nullable?: unknown }).nullable === true && !("type" in value)) {
    const { nullable: _nullable, ...rest } = value as Record<string, unknown>;
    return { anyOf: [rest, { type: "null" }] };
  }
  return value;
}

function rewriteRefs(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"github#/components/'), nullableWithoutType);
}

/** Violations of the documented request body of `METHOD path`; empty when the body is valid. */
export function restRequestProblems(method: string, path: string, body: unknown): string[] {
  const cleanPath = path.split("?")[0]!;
  const template = pathTemplate(cleanPath);
  if (!template) return [`${method} ${cleanPath} is not an endpoint in GitHub's OpenAPI description`];
  const operation = openapi().paths[template]?.[method.toLowerCase()];
  if (!operation) return [`${method} is not documented for ${template}`];
  const key = `${method} ${template}`;
  if (!validators.has(key)) {
    const schema = operation.requestBody?.content?.["application/json"]?.schema;
    validators.set(key, schema ? compiler().compile(rewriteRefs(schema) as object) : null);
  }
  const validate = validators.get(key);
  if (!validate) return body === undefined || body === "" ? [] : [`${key} takes no JSON body`];
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${key}: ${e.instancePath || "(body)"} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ""}`);
}

let graphqlSchema: GraphQLSchema | undefined;

/** Violations of a GraphQL document against GitHub's public schema. */
export function graphqlRequestProblems(body: { query: string; variables?: Record<string, unknown> }): string[] {
  // The published SDL repeats a few fields; the introspection result is the schema GitHub serves.
  graphqlSchema ??= buildClientSchema(githubGraphqlSchema.json as never);
  let document;
  try {
    document = parse(body.query);
  } catch (error) {
    return [`GraphQL syntax: ${(error as Error).message}`];
  }
  return validateGraphql(graphqlSchema, document).map((e) => `GraphQL: ${e.message}`);
}
