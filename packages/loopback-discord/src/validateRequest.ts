/**
 * Validates request bodies a bot sends against Discord's own OpenAPI 3.1 description
 * (openapi/discord-openapi.json in this package, unchanged) plus the stricter limits that Discord's
 * written docs set (see openapi/README.md).
 */
import { readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import { createRequire } from "node:module";
import addFormatsModule from "ajv-formats";

/** One problem found in a request body. */
export interface ValidationIssue {
  /** `openapi`: Discord's OpenAPI description; `discord-docs`: a limit from Discord's docs; `loopback`: the route is unknown. */
  source: "openapi" | "discord-docs" | "loopback";
  /** JSON pointer into the body ("" for the whole body). */
  pointer: string;
  message: string;
}

/** An operation of the OpenAPI description that a concrete request path matched. */
export interface OperationMatch {
  /** e.g. `post /channels/{channel_id}/messages` */
  key: string;
  method: string;
  template: string;
  params: Record<string, string>;
}

type JsonSchema = Record<string, unknown>;

interface OpenApiOperation {
  operationId?: string;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
}

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, unknown>;
}

interface PathMatcher {
  template: string;
  segments: { literal: string | null; param: string | null }[];
  literalCount: number;
}

const COMPONENTS_ID = "https://loopback.invalid/discord-openapi.json";

/** The path of the unchanged copy of Discord's OpenAPI description the emulator validates against. */
/**
 * Found by the package's own name, so it resolves the same from the sources and from a bundle
 * that inlined them (the file stays in the package, beside its README).
 */
export const DEFAULT_OPENAPI_PATH = createRequire(import.meta.url).resolve(
  "@factdesk/loopback-discord/openapi/discord-openapi.json",
);

// ajv-formats is CommonJS: the default import is `module.exports`, whose `.default` is the plugin.
const addFormats = addFormatsModule.default;

/**
 * Validates request bodies against Discord's OpenAPI description.
 * Schemas are compiled lazily per operation and cached; one instance can serve many servers.
 */
export class RequestValidator {
  private static sharedInstance: RequestValidator | undefined;

  private readonly ajv: Ajv2020;
  private readonly matchers: PathMatcher[];
  private readonly compiled = new Map<string, ValidateFunction | null>();

  constructor(private readonly spec: OpenApiDocument) {
    this.ajv = new Ajv2020({
      strict: false,
      allErrors: true,
      validateFormats: true,
      unicodeRegExp: true,
    });
    addFormats(this.ajv);
    // Discord-specific formats: `snowflake` is also a `pattern` in the spec, `nonce` is free-form.
    this.ajv.addFormat("snowflake", /^(0|[1-9][0-9]*)$/);
    this.ajv.addFormat("nonce", true);
    // The components as one schema document that every operation schema references into.
    this.ajv.addSchema({ $id: COMPONENTS_ID, components: spec.components });
    this.matchers = Object.keys(spec.paths).map(compilePathTemplate);
  }

  /** A validator for the spec at `path` (default: the shipped copy). */
  static fromFile(path: string = DEFAULT_OPENAPI_PATH): RequestValidator {
    return new RequestValidator(JSON.parse(readFileSync(path, "utf8")) as OpenApiDocument);
  }

  /** One process-wide validator for the shipped spec, so several servers share compiled schemas. */
  static shared(): RequestValidator {
    RequestValidator.sharedInstance ??= RequestValidator.fromFile();
    return RequestValidator.sharedInstance;
  }

  /**
   * Finds the operation for a method and an API path relative to `/api/v10`
   * (e.g. `/channels/123/messages`). When several templates match, the one with the most
   * literal segments wins (`/messages/@original` over `/messages/{message_id}`).
   */
  findOperation(method: string, path: string): OperationMatch | undefined {
    const lowerMethod = method.toLowerCase();
    const parts = splitPath(path).map(safeDecode);
    let best: { matcher: PathMatcher; params: Record<string, string> } | undefined;
    for (const matcher of this.matchers) {
      const item = this.spec.paths[matcher.template];
      if (!item || !(lowerMethod in item)) continue;
      const params = matchSegments(matcher, parts);
      if (!params) continue;
      if (!best || matcher.literalCount > best.matcher.literalCount) best = { matcher, params };
    }
    if (!best) return undefined;
    return {
      key: `${lowerMethod} ${best.matcher.template}`,
      method: lowerMethod,
      template: best.matcher.template,
      params: best.params,
    };
  }

  /**
   * Validates one request body. `body` is the parsed JSON body (or a multipart request's
   * `payload_json`), `undefined` when the request had none. Returns every issue found:
   * schema violations from the OpenAPI description, then the documented stricter limits.
   */
  validate(
    method: string,
    path: string,
    body: unknown,
    contentKind: "json" | "multipart" = "json",
  ): ValidationIssue[] {
    const operation = this.findOperation(method, path);
    if (!operation) {
      return [
        {
          source: "loopback",
          pointer: "",
          message: `no operation in Discord's OpenAPI description for ${method.toUpperCase()} ${path}`,
        },
      ];
    }
    const issues = [
      ...this.validateAgainstSpec(operation, body, contentKind),
      ...checkDocumentedLimits(operation, body),
    ];
    return dedupe(issues);
  }

  private validateAgainstSpec(
    operation: OperationMatch,
    body: unknown,
    contentKind: "json" | "multipart",
  ): ValidationIssue[] {
    const op = this.operation(operation);
    const requestBody = op?.requestBody;
    if (!requestBody) return [];
    if (body === undefined) {
      return requestBody.required
        ? [{ source: "openapi", pointer: "", message: "request body is required" }]
        : [];
    }
    const normalized = applyDocumentedTypeOverrides(operation, body);
    const validate = this.compileFor(operation, contentKind, normalized);
    if (!validate || validate(normalized)) return [];
    return pruneUnionNoise(validate.errors ?? []).map(describeAjvError);
  }

  private operation(match: OperationMatch): OpenApiOperation | undefined {
    return this.spec.paths[match.template]?.[match.method] as OpenApiOperation | undefined;
  }

  /**
   * The compiled schema for an operation's body. A root `anyOf` whose branches are told apart
   * by `type` (interaction callbacks) is narrowed to the branches that accept the body's
   * `type`, so errors name the real problem instead of every branch's mismatch.
   */
  private compileFor(
    match: OperationMatch,
    contentKind: "json" | "multipart",
    body: unknown,
  ): ValidateFunction | null {
    const content = this.operation(match)?.requestBody?.content ?? {};
    const mediaType =
      contentKind === "multipart" && content["multipart/form-data"]
        ? "multipart/form-data"
        : "application/json";
    const schema = content[mediaType]?.schema;
    if (!schema) return null;

    const autocompleteData = match.key === CALLBACK_OPERATION ? autocompleteDataSchema(body) : undefined;
    const branches = autocompleteData ? undefined : this.discriminatedBranches(schema, body);
    const cacheKey = `${match.key} ${mediaType} ${autocompleteData ?? branches?.join(",") ?? "*"}`;
    const cached = this.compiled.get(cacheKey);
    if (cached !== undefined) return cached;

    const effective = autocompleteData
      ? {
          type: "object",
          required: ["type", "data"],
          properties: { type: { enum: [8] }, data: { $ref: autocompleteData } },
        }
      : branches
        ? { anyOf: branches.map((ref) => ({ $ref: ref })) }
        : schema;
    const validate = this.ajv.compile(rebaseRefs(effective) as JsonSchema);
    this.compiled.set(cacheKey, validate);
    return validate;
  }

  private discriminatedBranches(schema: JsonSchema, body: unknown): string[] | undefined {
    const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
    if (!Array.isArray(union) || !isRecord(body) || typeof body.type !== "number") return undefined;
    const refs: string[] = [];
    for (const branch of union) {
      const ref = branch.$ref;
      if (typeof ref !== "string") return undefined;
      const target = this.resolveLocalRef(ref);
      const typeEnum = (target?.properties as Record<string, JsonSchema> | undefined)?.type?.enum;
      if (!Array.isArray(typeEnum)) return undefined;
      if (typeEnum.includes(body.type)) refs.push(ref);
    }
    return refs.length > 0 ? refs : undefined;
  }

  private resolveLocalRef(ref: string): JsonSchema | undefined {
    const prefix = "#/components/schemas/";
    if (!ref.startsWith(prefix)) return undefined;
    const schemas = this.spec.components.schemas as Record<string, JsonSchema> | undefined;
    return schemas?.[ref.slice(prefix.length)];
  }
}

/** The limits from Discord's docs that the OpenAPI description does not (or does more loosely) express. */
export const DOCUMENTED_LIMITS = {
  messageContent: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooterText: 2048,
  embedAuthorName: 256,
  embedTotalCharacters: 6000,
  autocompleteChoices: 25,
  choiceNameMin: 1,
  choiceNameMax: 100,
  autocompleteStringValue: 100,
} as const;

/** Operations whose bodies are (or, for callbacks, contain) a message payload. */
const MESSAGE_OPERATIONS = new Set([
  "post /channels/{channel_id}/messages",
  "patch /channels/{channel_id}/messages/{message_id}",
  "post /webhooks/{webhook_id}/{webhook_token}",
  "patch /webhooks/{webhook_id}/{webhook_token}/messages/@original",
  "patch /webhooks/{webhook_id}/{webhook_token}/messages/{message_id}",
]);
const CALLBACK_OPERATION = "post /interactions/{interaction_id}/{interaction_token}/callback";

/** Checks the stricter limits from Discord's docs that apply to this operation's body. */
export function checkDocumentedLimits(operation: OperationMatch, body: unknown): ValidationIssue[] {
  if (!isRecord(body)) return [];
  if (MESSAGE_OPERATIONS.has(operation.key)) return checkMessageLimits(body, "");
  if (operation.key === CALLBACK_OPERATION && isRecord(body.data)) {
    if (body.type === 4 || body.type === 7) return checkMessageLimits(body.data, "/data");
    if (body.type === 8) return checkAutocompleteLimits(body.data, "/data");
  }
  return [];
}

/** Message content length, embed count and per-embed and per-message embed character limits. */
export function checkMessageLimits(message: Record<string, unknown>, base: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const limits = DOCUMENTED_LIMITS;
  const tooLong = (pointer: string, value: unknown, max: number, what: string): void => {
    if (typeof value === "string" && value.length > max) {
      issues.push(docIssue(pointer, `${what} is ${value.length} characters; Discord allows at most ${max}`));
    }
  };
  tooLong(`${base}/content`, message.content, limits.messageContent, "message content");

  const embeds = Array.isArray(message.embeds) ? message.embeds : [];
  if (embeds.length > limits.embedsPerMessage) {
    issues.push(
      docIssue(
        `${base}/embeds`,
        `${embeds.length} embeds; Discord allows at most ${limits.embedsPerMessage}`,
      ),
    );
  }
  let totalCharacters = 0;
  embeds.forEach((embed, index) => {
    if (!isRecord(embed)) return;
    const at = `${base}/embeds/${index}`;
    const count = (value: unknown): void => {
      if (typeof value === "string") totalCharacters += value.length;
    };
    tooLong(`${at}/title`, embed.title, limits.embedTitle, "embed title");
    tooLong(`${at}/description`, embed.description, limits.embedDescription, "embed description");
    count(embed.title);
    count(embed.description);
    const footer = isRecord(embed.footer) ? embed.footer : undefined;
    tooLong(`${at}/footer/text`, footer?.text, limits.embedFooterText, "embed footer text");
    count(footer?.text);
    const author = isRecord(embed.author) ? embed.author : undefined;
    tooLong(`${at}/author/name`, author?.name, limits.embedAuthorName, "embed author name");
    count(author?.name);
    const fields = Array.isArray(embed.fields) ? embed.fields : [];
    if (fields.length > limits.embedFields) {
      issues.push(
        docIssue(
          `${at}/fields`,
          `${fields.length} embed fields; Discord allows at most ${limits.embedFields}`,
        ),
      );
    }
    fields.forEach((field, fieldIndex) => {
      if (!isRecord(field)) return;
      tooLong(`${at}/fields/${fieldIndex}/name`, field.name, limits.embedFieldName, "embed field name");
      tooLong(`${at}/fields/${fieldIndex}/value`, field.value, limits.embedFieldValue, "embed field value");
      count(field.name);
      count(field.value);
    });
  });
  if (totalCharacters > limits.embedTotalCharacters) {
    issues.push(
      docIssue(
        `${base}/embeds`,
        `embeds total ${totalCharacters} characters; Discord allows at most ${limits.embedTotalCharacters} per message`,
      ),
    );
  }
  return issues;
}

/** Autocomplete results: at most 25 choices, names 1–100 characters, string values at most 100. */
export function checkAutocompleteLimits(data: Record<string, unknown>, base: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const limits = DOCUMENTED_LIMITS;
  const choices = Array.isArray(data.choices) ? data.choices : [];
  if (choices.length > limits.autocompleteChoices) {
    issues.push(
      docIssue(
        `${base}/choices`,
        `${choices.length} autocomplete choices; Discord allows at most ${limits.autocompleteChoices}`,
      ),
    );
  }
  choices.forEach((choice, index) => {
    if (!isRecord(choice)) return;
    const at = `${base}/choices/${index}`;
    if (typeof choice.name === "string") {
      const length = choice.name.length;
      if (length < limits.choiceNameMin || length > limits.choiceNameMax) {
        issues.push(
          docIssue(
            `${at}/name`,
            `choice name is ${length} characters; Discord requires ${limits.choiceNameMin}–${limits.choiceNameMax}`,
          ),
        );
      }
    }
    if (typeof choice.value === "string" && choice.value.length > limits.autocompleteStringValue) {
      issues.push(
        docIssue(
          `${at}/value`,
          `string choice value is ${choice.value.length} characters; Discord allows at most ${limits.autocompleteStringValue}`,
        ),
      );
    }
  });
  return issues;
}

/**
 * An autocomplete result's `data` is a union of integer, number and string choice lists that
 * differ only in the JSON type of `value`; validating against the branch the first choice
 * selects keeps the errors about the real problem.
 */
function autocompleteDataSchema(body: unknown): string | undefined {
  if (!isRecord(body) || body.type !== 8 || !isRecord(body.data)) return undefined;
  const first: unknown = Array.isArray(body.data.choices) ? body.data.choices[0] : undefined;
  const value = isRecord(first) ? first.value : undefined;
  const kind =
    typeof value === "string"
      ? "String"
      : typeof value === "number"
        ? Number.isInteger(value)
          ? "Integer"
          : "Number"
        : undefined;
  return kind
    ? `#/components/schemas/InteractionApplicationCommandAutocompleteCallback${kind}Data`
    : undefined;
}

/**
 * Where Discord's docs and its OpenAPI description disagree on a type, the docs win.
 * Known case: `default_member_permissions` is a string bitfield in the docs (and discord.js
 * sends it so) but an integer in the description; a digit string is checked as that integer.
 */
function applyDocumentedTypeOverrides(operation: OperationMatch, body: unknown): unknown {
  if (!/ \/applications\/\{application_id\}(\/guilds\/\{guild_id\})?\/commands/.test(operation.key))
    return body;
  const fix = (command: unknown): unknown => {
    if (!isRecord(command) || typeof command.default_member_permissions !== "string") return command;
    if (!/^\d+$/.test(command.default_member_permissions)) return command;
    return { ...command, default_member_permissions: Number(command.default_member_permissions) };
  };
  return Array.isArray(body) ? body.map(fix) : fix(body);
}

/**
 * ajv reports every failing alternative of a union. Keeps what names the actual problem:
 * drops the `anyOf`/`oneOf` summaries, the "must be null" of nullable wrappers and the
 * per-constant failures of enum-like `oneOf`s whenever a more specific error exists.
 */
function pruneUnionNoise(errors: ErrorObject[]): ErrorObject[] {
  const specific = errors.filter((error) => error.keyword !== "oneOf" && error.keyword !== "anyOf");
  if (specific.length === 0) return errors;
  const deeperOrSame = (error: ErrorObject): boolean =>
    specific.some(
      (other) =>
        other !== error &&
        !(other.keyword === "type" && other.params.type === "null") &&
        (other.instancePath === error.instancePath ||
          other.instancePath.startsWith(`${error.instancePath}/`)),
    );
  const hasEnumAt = (path: string): boolean =>
    specific.some((other) => other.keyword === "enum" && other.instancePath === path);
  return specific.filter((error) => {
    if (error.keyword === "type" && error.params.type === "null") return !deeperOrSame(error);
    if (error.keyword === "const") return !hasEnumAt(error.instancePath);
    return true;
  });
}

function docIssue(pointer: string, message: string): ValidationIssue {
  return { source: "discord-docs", pointer, message };
}

function describeAjvError(error: ErrorObject): ValidationIssue {
  const details =
    error.keyword === "enum" && Array.isArray(error.params.allowedValues)
      ? ` (${JSON.stringify(error.params.allowedValues)})`
      : error.keyword === "additionalProperties"
        ? ` (${String(error.params.additionalProperty)})`
        : "";
  return {
    source: "openapi",
    pointer: error.instancePath,
    message: `${error.instancePath || "body"} ${error.message ?? error.keyword}${details} [${error.schemaPath}]`,
  };
}

function dedupe(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.source}|${issue.message.replace(/ \[[^\]]*\]$/, "")}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Rewrites `#/components/...` refs so they point into the components document added to ajv. */
function rebaseRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rebaseRefs);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] =
      key === "$ref" && typeof inner === "string" && inner.startsWith("#/")
        ? `${COMPONENTS_ID}${inner}`
        : rebaseRefs(inner);
  }
  return out;
}

function compilePathTemplate(template: string): PathMatcher {
  const segments = splitPath(template).map((segment) => {
    const param = /^\{(.+)\}$/.exec(segment)?.[1] ?? null;
    return { literal: param ? null : segment, param };
  });
  return { template, segments, literalCount: segments.filter((s) => s.literal !== null).length };
}

function matchSegments(matcher: PathMatcher, parts: string[]): Record<string, string> | undefined {
  if (matcher.segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i += 1) {
    const segment = matcher.segments[i]!;
    const part = parts[i]!;
    if (segment.literal !== null) {
      if (segment.literal !== part) return undefined;
    } else if (segment.param !== null) {
      params[segment.param] = part;
    }
  }
  return params;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function splitPath(path: string): string[] {
  return path.split("/").filter((part) => part.length > 0);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
