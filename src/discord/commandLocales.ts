/**
 * Command descriptions in other languages (language/locales/<Discord locale>.yaml, see the
 * README there): read once, checked, and merged into the registration bodies as Discord's
 * `description_localizations`. English stays in commands/; no file, no localizations.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Locale, type RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord.js";
import YAML from "yaml";
import { z } from "zod";
import { projectPath } from "../project/projectRoot.ts";
import { DISCORD_LIMITS, truncate } from "./discordLimits.ts";

export const LOCALES_DIR = projectPath("language", "locales");

const text = z.string().trim().min(1);
const localeSchema = z.record(
  z.string(),
  z.strictObject({ description: text.optional(), options: z.record(z.string(), text).optional() }),
);
export type CommandTexts = z.infer<typeof localeSchema>;

/** A locale file that cannot be used: its name and why, in one line. */
export class LocaleError extends Error {}

const DISCORD_LOCALES = new Set<string>(Object.values(Locale));

/** The locale files of a folder, by Discord locale; a bad one throws a LocaleError naming it. */
export function readCommandLocales(dir: string = LOCALES_DIR): Map<string, CommandTexts> {
  const locales = new Map<string, CommandTexts>();
  if (!existsSync(dir)) return locales;
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()) {
    const locale = file.replace(/\.yaml$/, "");
    const where = path.join(path.basename(dir), file);
    if (!DISCORD_LOCALES.has(locale))
      throw new LocaleError(`${where}: "${locale}" is not a Discord locale (fr, de, pt-BR, es-ES…)`);
    const parsed = localeSchema.safeParse(YAML.parse(readFileSync(path.join(dir, file), "utf8")) ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new LocaleError(`${where}: ${issue?.path.join(".") ?? ""} ${issue?.message ?? "is invalid"}`);
    }
    locales.set(locale, parsed.data);
  }
  return locales;
}

/** A registration body with each locale's descriptions added (`{reports}`, `{places}` filled in). */
export function localizeCommand(
  body: RESTPostAPIChatInputApplicationCommandsJSONBody,
  locales: ReadonlyMap<string, CommandTexts>,
  fill: (template: string) => string,
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const described = (pick: (texts: NonNullable<CommandTexts[string]>) => string | undefined) => {
    const out: Record<string, string> = {};
    for (const [locale, texts] of locales) {
      const command = texts[body.name];
      const template = command === undefined ? undefined : pick(command);
      if (template !== undefined) out[locale] = truncate(fill(template), DISCORD_LIMITS.commandDescription);
    }
    return Object.keys(out).length > 0 ? out : null;
  };
  const description = described((t) => t.description);
  return {
    ...body,
    ...(description ? { description_localizations: description } : {}),
    ...(body.options
      ? {
          options: body.options.map((option) => {
            const localized = described((t) => t.options?.[option.name]);
            return localized ? { ...option, description_localizations: localized } : option;
          }),
        }
      : {}),
  };
}
