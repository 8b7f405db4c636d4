/**
 * The shape of each file in knowledge/, as zod schemas. Cross-file rules (citations resolve,
 * quotes are verbatim, ids are unique) live in loadKnowledge.ts.
 */
import { z } from "zod";
import { ANSWER_TYPES } from "../language/answerTypes.ts";

export { ANSWER_TYPES, type AnswerType } from "../language/answerTypes.ts";

const id = z
  .string()
  .max(90, "must be at most 90 characters (it is carried in Discord button ids)")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be kebab-case (lowercase letters, digits and hyphens)");
const text = z.string().trim().min(1, "must not be empty");
/** A keyword or alias; a bare number such as `2011` in YAML is read as its text. */
const term = z.union([text, z.number().transform(String)]);

export const sourceSchema = z.strictObject({
  id,
  file: text,
  publisher: text,
  date: z.union([z.string(), z.date()]).transform((value, ctx) => {
    const iso = value instanceof Date ? value.toISOString().slice(0, 10) : value;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
      ctx.addIssue({ code: "custom", message: "must be a date, YYYY-MM-DD" });
      return z.NEVER;
    }
    return iso;
  }),
  title: text,
  url: z.url().optional(),
});

export const citationSchema = z.strictObject({
  sentence: z.string().regex(/^[a-z0-9-]+#\d+$/, "must be <source id>#<sentence number>"),
  quote: text,
});

export const factSchema = z.strictObject({
  id,
  headline: text,
  answers: z.array(z.enum(ANSWER_TYPES)).min(1, "must name at least one answer type"),
  questions: z.array(text).min(1, "must have at least one question"),
  keywords: z.array(term).default([]),
  /** Entity ids or place names the answer names ("who leads?" → hts): a question that names them asks for someone else. */
  answerNames: z.array(text).default([]),
  cites: z.array(citationSchema).min(1, "must cite at least one sentence"),
});

/** Degrees within [min, max]: a YAML number (`.nan` and `.inf` are refused). */
const degrees = (min: number, max: number, what: string) =>
  z
    .number({ error: `must be a number of degrees, ${min} to ${max} (${what})` })
    .min(min, `must be ${min} to ${max} degrees (${what})`)
    .max(max, `must be ${min} to ${max} degrees (${what})`);

/** Where a place is, in decimal degrees (north and east positive): for /city's locator map. */
export const coordinatesSchema = z.strictObject({
  lat: degrees(-90, 90, "latitude, north positive"),
  lon: degrees(-180, 180, "longitude, east positive"),
});

export const placeSchema = z.strictObject({
  name: text,
  kind: z.enum(["city", "province"]),
  aliases: z.array(term).default([]),
  facts: z.array(id).min(1, "must list at least one fact"),
  /** Absent: the place gets no map. */
  coordinates: coordinatesSchema.optional(),
});

export const entitySchema = z.strictObject({
  id,
  name: text,
  kind: z.enum(["person", "organisation", "country"]),
  aliases: z.array(term).default([]),
  /** Words by which the article refers to it without naming it ("insurgents" for HTS). */
  mentionedAs: z.array(text).default([]),
  /** The fact that says who or what the entity is; absent when the article does not say. */
  about: id.optional(),
});

export const timelineSchema = z.strictObject({
  when: z.union([text, z.number().transform(String)]),
  sort: z
    .union([z.string(), z.number().transform(String)])
    .refine(
      (v) => /^\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2})?)?)?$/.test(v),
      "must be YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH",
    ),
  event: text,
  cites: z.array(citationSchema).min(1, "must cite at least one sentence"),
});

/** Role words: one or a list, each the report's words, an entity id or a place name. */
const roleWords = z.union([text, z.array(text)]).transform((v) => (Array.isArray(v) ? v : [v]));

export const claimSchema = z.strictObject({
  action: z.string().regex(/^[a-z]+$/, "must be an action id of language/actions.yaml"),
  agent: roleWords.default([]),
  object: roleWords.default([]),
  place: roleWords.default([]),
  when: z
    .union([z.string(), z.number().transform(String), z.date().transform((d) => d.toISOString().slice(0, 10))])
    .refine(
      (v) => /^\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2})?)?)?$/.test(v),
      "must be YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH",
    )
    .optional(),
  why: text.optional(),
  saidBy: text.optional(),
  negated: z.boolean().default(false),
  hypothetical: z.boolean().default(false),
});

export const sentenceClaimsSchema = z.strictObject({
  sentence: z.string().regex(/^[a-z0-9-]+#\d+$/, "must be <source id>#<sentence number>"),
  claims: z.array(claimSchema),
});

export const synonymGroupSchema = z.array(text).min(2, "a synonym group needs at least two entries");

export type SourceEntry = z.infer<typeof sourceSchema>;
export type FactEntry = z.infer<typeof factSchema>;
export type PlaceEntry = z.infer<typeof placeSchema>;
export type Coordinates = z.infer<typeof coordinatesSchema>;
export type EntityEntry = z.infer<typeof entitySchema>;
export type ClaimEntry = z.infer<typeof claimSchema>;
