/**
 * Renders the engine's replies as Discord messages (embeds and buttons), separate from
 * deciding the answer. Every message stays inside Discord's limits whatever the store holds:
 * quotes are added whole while they fit, and what does not fit is counted, never cut mid-quote.
 */
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
} from "discord.js";
import { withoutParts, type Reply } from "../engine/answerEngine.ts";
import type { PlaceLookup } from "../engine/lookupPlace.ts";
import type { Citation, Fact, KnowledgeStore, Source } from "../knowledge/loadKnowledge.ts";
import {
  asOfLine,
  citationLabel,
  describeSources,
  listPlaces,
  theReports,
  formatDate,
  reportedLine,
  sourceLabel,
} from "../render/citationLabel.ts";
import { offeredQuestion } from "../knowledge/offeredQuestion.ts";
import { refusalMessage } from "../render/renderText.ts";
import { DISCORD_LIMITS as L, escapeUserText, truncate } from "./discordLimits.ts";
import { askButtonId } from "./buttonIds.ts";

/** A message body as the bot sends it (discord.js accepts these JSON shapes as they are). */
export interface MessagePayload {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
}

/** Embed colours: answers, refusals, notices. */
const COLOUR = { answer: 0x2b6cb0, refusal: 0x718096, notice: 0xc05621 } as const;

export interface RenderOptions {
  /** The member the answer is for (shown, never pinged). */
  forUserId?: string | null;
  /** The reports the bot answers from (named in refusals and footers). */
  sources: readonly Source[];
}

/** "> sentence [n]" lines (the blockquote marks the quotation) for as many whole quotes as fit in `budget` characters. */
function quoteLines(citations: readonly Citation[], budget: number): { text: string; shown: number } {
  let text = "";
  let shown = 0;
  for (const [i, c] of citations.entries()) {
    const line = `> ${c.sentence.text} [${i + 1}]\n`;
    if (text.length + line.length > budget) break;
    text += line;
    shown += 1;
  }
  return { text: text.trimEnd(), shown };
}

/** The "Sources" field: one line per shown citation, within the field limit. */
function sourcesField(citations: readonly Citation[]): APIEmbedField {
  const lines: string[] = [];
  let length = 0;
  for (const [i, c] of citations.entries()) {
    const line = `[${i + 1}] ${citationLabel(c)}`;
    if (length + line.length + 1 > L.fieldValue) break;
    lines.push(line);
    length += line.length + 1;
  }
  return { name: "Sources", value: lines.join("\n") || "—" };
}

/** Quoted citations as an embed, with "as reported" framing and numbered sources. */
function quotedEmbed(
  title: string,
  author: string | null,
  citations: readonly Citation[],
  footer: string,
  colour: number,
  { earlier = false, notice = null }: { earlier?: boolean; notice?: string | null } = {},
): APIEmbed {
  const source = citations[0]?.source;
  const intro = `${notice === null ? "" : `*${notice}*\n\n`}${source ? `${reportedLine(source, earlier)}\n\n` : ""}`;
  const authorName = author === null ? null : truncate(author, L.authorName);
  const fixed = title.length + footer.length + (authorName?.length ?? 0) + "Sources".length + L.fieldValue;
  const budget = Math.min(L.embedDescription, L.embedsTotal - fixed) - intro.length - 60;
  const { text, shown } = quoteLines(citations, Math.max(0, budget));
  const more = citations.length - shown;
  const description = `${intro}${text}${more > 0 ? `\n\n…and ${more} more cited sentence${more === 1 ? "" : "s"}.` : ""}`;
  return {
    color: colour,
    ...(authorName === null ? {} : { author: { name: authorName } }),
    title: truncate(title, L.embedTitle),
    description,
    fields: [sourcesField(citations.slice(0, shown))],
    footer: { text: truncate(footer, L.footerText) },
  };
}

/** Up to `count` buttons that each ask one of the given facts' questions. */
export function askButtons(facts: readonly Fact[], count = 3): APIActionRowComponent<APIButtonComponent>[] {
  const buttons: APIButtonComponent[] = facts.slice(0, Math.min(count, L.buttonsPerRow)).map((fact) => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: truncate(offeredQuestion(fact), L.buttonLabel),
    custom_id: askButtonId(fact.id),
  }));
  return buttons.length === 0 ? [] : [{ type: ComponentType.ActionRow, components: buttons }];
}

const forLine = (userId: string | null | undefined): Pick<MessagePayload, "content"> =>
  userId ? { content: `For <@${userId}>:` } : {};

/** The most parts of a question answered in one message, each its own embed. */
const MAX_PARTS = 4;

/** An /ask reply, a free-text reply or a button's answer. */
export function renderReply(reply: Reply, options: RenderOptions): MessagePayload {
  if (reply.parts && reply.parts.length > 1) {
    // One embed for each part the article answers, and a line for those it does not.
    const answered = reply.parts.filter((p) => p.kind === "answer").slice(0, MAX_PARTS);
    const silent = reply.parts.filter((p) => p.kind !== "answer").map((p) => p.question);
    const rendered = answered.map((p) => renderReply(withoutParts(p), { ...options, forUserId: null }));
    const embeds = rendered.flatMap((r) => r.embeds);
    const note =
      silent.length > 0
        ? `${theReports(options.sources) === "the reports" ? "The reports do" : "The report does"} not say: ${escapeUserText(truncate(silent.join("; "), 300))}`
        : undefined;
    const forText = options.forUserId ? `For <@${options.forUserId}>:` : undefined;
    const content = [forText, note].filter((t) => t !== undefined).join("\n");
    if (embeds.length === 0) return renderReply(withoutParts(reply), options);
    return {
      ...(content === "" ? {} : { content: truncate(content, L.content) }),
      embeds: fitEmbeds(embeds),
      components: rendered[0]?.components ?? [],
    };
  }
  const asked = reply.question.replace(/\s+/g, " ").trim();
  if (reply.kind === "answer") {
    const embed = quotedEmbed(
      reply.fact.headline,
      asked === "" ? null : `❓ ${asked}`,
      reply.citations,
      `factdesk · quotes are verbatim from ${theReports(options.sources)} · ${Math.round(reply.confidence * 100)}% likely right`,
      COLOUR.answer,
      { notice: reply.asOf ? asOfLine(reply.asOf) : null },
    );
    // What other reports say to the same question, each under its own report and date.
    const others = (reply.alsoReported ?? []).map((other) =>
      quotedEmbed(
        other.fact.headline,
        null,
        other.citations,
        "factdesk · another report's answer, quoted verbatim",
        COLOUR.refusal,
        { earlier: (other.citations[0]?.source.date ?? "") < (reply.citations[0]?.source.date ?? "") },
      ),
    );
    return {
      ...forLine(options.forUserId),
      embeds: fitEmbeds([embed, ...others]),
      components: askButtons(reply.related),
    };
  }
  let description = refusalMessage(reply, options.sources);
  if (reply.reason === "not_covered" && reply.unknownWords.length > 0)
    description += ` It has nothing on: ${escapeUserText(truncate(reply.unknownWords.join(", "), 300))}.`;
  if (reply.suggestions.length > 0)
    description +=
      reply.reason === "unsure"
        ? "\n\nDid you mean one of these? Pick it below:"
        : "\n\nHere is what it can answer — pick a question below, or try:";
  description += `\n${reply.suggestions.map((f) => `• ${offeredQuestion(f)}`).join("\n")}`;
  return {
    ...forLine(options.forUserId),
    embeds: [
      {
        color: COLOUR.refusal,
        ...(asked === "" ? {} : { author: { name: truncate(`❓ ${asked}`, L.authorName) } }),
        title:
          reply.reason === "too_long"
            ? "Question too long"
            : reply.reason === "unsure"
              ? "Did you mean…?"
              : `Not in ${theReports(options.sources)}`,
        description: truncate(description, L.embedDescription),
        footer: {
          text: truncate(
            `factdesk answers only from ${describeSources(options.sources)} · /help`,
            L.footerText,
          ),
        },
      },
    ],
    components: askButtons(reply.suggestions),
  };
}

/** As many whole embeds as fit in one message's total. */
function fitEmbeds(embeds: readonly APIEmbed[]): APIEmbed[] {
  const out: APIEmbed[] = [];
  let total = 0;
  for (const embed of embeds) {
    const size = JSON.stringify(embed).length;
    if (out.length > 0 && total + size > L.embedsTotal) break;
    out.push(embed);
    total += size;
  }
  return out;
}

/** A /city reply: what the article says about the place, or the places it covers. */
export function renderPlace(lookup: PlaceLookup): MessagePayload {
  if (lookup.kind === "found") {
    const { place } = lookup;
    const embed = quotedEmbed(
      `${place.name} (${place.kind})`,
      place.aliases.length > 0 ? truncate(`Also: ${place.aliases.join(", ")}`, L.authorName) : null,
      lookup.citations,
      "factdesk · what the reports say about this place, quoted verbatim",
      COLOUR.answer,
    );
    return { embeds: [embed], components: askButtons(place.facts.slice(1)) };
  }
  const names = lookup.suggestions.map((p) => `**${p.name}** (${p.kind})`).join(", ");
  return {
    embeds: [
      {
        color: COLOUR.refusal,
        title: "Not a place the reports cover",
        description: truncate(
          `“${escapeUserText(truncate(lookup.query, 200))}” does not appear in the reports. They cover: ${names}.`,
          L.embedDescription,
        ),
        footer: { text: "Try /city with one of these names" },
      },
    ],
    components: [],
  };
}

/** /help: what the bot does, its commands and where its knowledge comes from. */
export function renderHelp(store: KnowledgeStore): MessagePayload {
  const [only] = store.sources;
  const reports = theReports(store.sources);
  const newest = [...store.sources].sort((a, b) => b.date.localeCompare(a.date))[0];
  return {
    embeds: [
      {
        color: COLOUR.notice,
        title:
          store.sources.length > 1
            ? "factdesk — answers from the news reports it follows"
            : "factdesk — answers from one news report",
        description: truncate(
          [
            `I answer questions about ${describeSources(store.sources)}${store.sources.length === 1 && only ? `, “${only.title}”` : ""}, by quoting ${store.sources.length > 1 ? "their" : "its"} own sentences with citations. Where ${reports} ${store.sources.length > 1 ? "are" : "is"} silent I say so, and suggest what I can answer.`,
            ...(newest
              ? [
                  `I know nothing after ${formatDate(newest.date)}: every answer says which report and date it speaks for.`,
                ]
              : []),
            "",
            `**/ask** \`question\` — ask anything about ${reports} (\`report\` asks one report only; \`hide\` shows the answer only to you; \`for\` names who it is for).`,
            `**/city** \`name\` — what ${reports} say about ${listPlaces(store.places.map((p) => p.name))} (other spellings work too).`,
            `**/timeline** — the events of ${reports} in order, each cited.`,
            `**/sources** — ${reports} ${store.sources.length > 1 ? "themselves" : "itself"} and how far each is curated.`,
            "**/help** — this message.",
            "",
            "You can also mention me with a question, or ask in a DM.",
          ].join("\n"),
          L.embedDescription,
        ),
        footer: { text: `Answers quote ${reports} verbatim; nothing is invented.` },
      },
    ],
    components: [],
  };
}

/** /sources: every report with its publisher, date, link and how far it is curated. */
export function renderSources(store: KnowledgeStore): MessagePayload {
  const curatedCites = new Set(
    store.facts.filter((f) => f.curated).flatMap((f) => f.citations.map((c) => c.sentence.id)),
  );
  const newestFirst = [...store.sources].sort((a, b) => b.date.localeCompare(a.date));
  const fields: APIEmbedField[] = newestFirst.slice(0, L.embedFields - 1).map((s) => {
    const cited = s.sentences.filter((x) => curatedCites.has(x.id)).length;
    const claimed = s.sentences.filter((x) => store.claims.has(x.id)).length;
    return {
      name: truncate(s.title, L.fieldName),
      value: truncate(
        [
          `${sourceLabel(s)}${s.url ? ` — ${s.url}` : ""}`,
          `${s.sentences.length} sentences, ${s.captions.length} photo captions (not quoted as report text).`,
          cited === 0
            ? "Not curated yet: answered from its sentences as they are."
            : `Curated: ${cited} of ${s.sentences.length} sentences in curated facts, ${claimed} with curated claims.`,
        ].join("\n"),
        L.fieldValue,
      ),
    };
  });
  if (store.sources.length > fields.length)
    fields.push({ name: "More", value: `…and ${store.sources.length - fields.length} older reports.` });
  else
    fields.push({
      name: "Fact store",
      value: truncate(
        [
          `${store.facts.filter((f) => f.curated).length} curated facts; ${store.facts.filter((f) => !f.curated).length} sentences answer as facts of their own.`,
          `Places: ${listPlaces(
            store.places.map((p) => p.name),
            12,
          )}.`,
          `People and groups: ${store.entities
            .filter((e) => e.kind !== "country")
            .map((e) => e.name)
            .slice(0, 15)
            .join(", ")}.`,
        ].join("\n"),
        L.fieldValue,
      ),
    });
  return {
    embeds: [
      {
        color: COLOUR.notice,
        title: store.sources.length > 1 ? `Sources: ${store.sources.length} reports, newest first` : "Source",
        fields,
        footer: { text: "Every answer quotes these sentences verbatim, under its own report and date." },
      },
    ],
    components: [],
  };
}

/** /timeline: the article's events in order, each with its cited sentence. */
export function renderTimeline(store: KnowledgeStore): MessagePayload {
  const fields: APIEmbedField[] = [];
  let total = "Timeline".length;
  for (const event of store.timeline) {
    if (fields.length === L.embedFields) break;
    // The curated line says what happened; the verbatim excerpts and their citations back it.
    const quotes = event.citations.map((c) => `> “${c.quote}” — ${citationLabel(c)}`).join("\n");
    const value = truncate(`${event.event}\n${quotes}`, L.fieldValue);
    const name = truncate(event.when, L.fieldName);
    if (total + name.length + value.length > L.embedsTotal - 200) break;
    total += name.length + value.length;
    fields.push({ name, value });
  }
  const omitted = store.timeline.length - fields.length;
  return {
    embeds: [
      {
        color: COLOUR.notice,
        title: "Timeline",
        description: `The events ${theReports(store.sources)} mention, in the order they happened. Ask /ask about any of them for the quoted sentence.`,
        fields,
        footer: {
          text:
            omitted > 0 ? `…and ${omitted} more events` : `As reported in ${describeSources(store.sources)}`,
        },
      },
    ],
    components: [],
  };
}

/** The ephemeral reply to someone asking too fast. */
export function renderCooldown(seconds: number): MessagePayload {
  return { content: `You're asking quickly — try again in ${seconds} s.`, embeds: [], components: [] };
}

/** The ephemeral reply when handling failed. */
export function renderError(): MessagePayload {
  return {
    content: "Something went wrong while answering. Please try again in a moment.",
    embeds: [],
    components: [],
  };
}
