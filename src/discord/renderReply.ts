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
import type { KnowledgeStore } from "../knowledge/loadKnowledge.ts";
import type { LocatorMap } from "../view/locatorMap.ts";
import {
  citationLabel,
  describeSources,
  listPlaces,
  theReports,
  formatDate,
  sourceLabel,
} from "../view/citationLabel.ts";
import type {
  OfferedView,
  OneReplyView,
  PlaceView,
  QuoteView,
  ReplyView,
  ReportQuotes,
} from "../view/replyView.ts";
import { DISCORD_LIMITS as L, escapeUserText, truncate } from "./discordLimits.ts";
import { askButtonId } from "./buttonIds.ts";

/** A file uploaded with a message (discord.js's attachment shape), shown by an embed as `attachment://<name>`. */
export interface MessageFile {
  attachment: Buffer;
  name: string;
  /** Alt text. */
  description: string;
}

/** A message body as the bot sends it (discord.js accepts these JSON shapes as they are), and its files. */
export interface MessagePayload {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  /** Uploaded with the message (multipart); absent for a message of JSON only. */
  files?: MessageFile[];
}

/** Embed colours: answers, refusals, notices. */
const COLOUR = { answer: 0x2b6cb0, refusal: 0x718096, notice: 0xc05621 } as const;

export interface RenderOptions {
  /** The member the answer is for (shown, never pinged). */
  forUserId?: string | null;
}

/** "> sentence [n]" lines (the blockquote marks the quotation) for as many whole quotes as fit in `budget` characters. */
function quoteLines(quotes: readonly QuoteView[], budget: number): { text: string; shown: number } {
  let text = "";
  let shown = 0;
  for (const [i, q] of quotes.entries()) {
    const line = `> ${q.text} [${i + 1}]\n`;
    if (text.length + line.length > budget) break;
    text += line;
    shown += 1;
  }
  return { text: text.trimEnd(), shown };
}

/** The "Sources" field: one line per shown quote, within the field limit. */
function sourcesField(quotes: readonly QuoteView[]): APIEmbedField {
  const lines: string[] = [];
  let length = 0;
  for (const [i, q] of quotes.entries()) {
    const line = `[${i + 1}] ${q.label}`;
    if (length + line.length + 1 > L.fieldValue) break;
    lines.push(line);
    length += line.length + 1;
  }
  return { name: "Sources", value: lines.join("\n") || "—" };
}

/** Quotes as an embed, under their report's framing, with numbered sources. */
function quotedEmbed(
  title: string,
  author: string | null,
  block: Pick<ReportQuotes, "framing" | "quotes">,
  footer: string,
  colour: number,
  notice: string | null = null,
): APIEmbed {
  const intro = `${notice === null ? "" : `*${notice}*\n\n`}${block.framing === null ? "" : `${block.framing}\n\n`}`;
  const authorName = author === null ? null : truncate(author, L.authorName);
  const fixed = title.length + footer.length + (authorName?.length ?? 0) + "Sources".length + L.fieldValue;
  const budget = Math.min(L.embedDescription, L.embedsTotal - fixed) - intro.length - 60;
  const { text, shown } = quoteLines(block.quotes, Math.max(0, budget));
  const more = block.quotes.length - shown;
  const description = `${intro}${text}${more > 0 ? `\n\n…and ${more} more cited sentence${more === 1 ? "" : "s"}.` : ""}`;
  return {
    color: colour,
    ...(authorName === null ? {} : { author: { name: authorName } }),
    title: truncate(title, L.embedTitle),
    description,
    fields: [sourcesField(block.quotes.slice(0, shown))],
    footer: { text: truncate(footer, L.footerText) },
  };
}

/** Up to `count` buttons that each ask one of the offered questions. */
export function askButtons(
  questions: readonly OfferedView[],
  count = 3,
): APIActionRowComponent<APIButtonComponent>[] {
  const buttons: APIButtonComponent[] = questions
    .slice(0, Math.min(count, L.buttonsPerRow))
    .map((offered) => ({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: truncate(offered.question, L.buttonLabel),
      custom_id: askButtonId(offered.factId),
    }));
  return buttons.length === 0 ? [] : [{ type: ComponentType.ActionRow, components: buttons }];
}

const forLine = (userId: string | null | undefined): Pick<MessagePayload, "content"> =>
  userId ? { content: `For <@${userId}>:` } : {};

/** The most parts of a question answered in one message, each its own embed. */
const MAX_PARTS = 4;

/** An /ask reply, a free-text reply or a button's answer. */
export function renderReply(view: ReplyView, options: RenderOptions = {}): MessagePayload {
  if (view.kind !== "parts") return renderOne(view, options);
  // One embed for each part the reports answer, and a line for those they do not.
  const rendered = view.answered.slice(0, MAX_PARTS).map((part) => renderOne(part, {}));
  const embeds = rendered.flatMap((r) => r.embeds);
  if (embeds.length === 0) return renderOne(view.whole, options);
  const note =
    view.silent.length > 0
      ? `${view.notSaid}: ${escapeUserText(truncate(view.silent.join("; "), 300))}`
      : undefined;
  const forText = options.forUserId ? `For <@${options.forUserId}>:` : undefined;
  const content = [forText, note].filter((t) => t !== undefined).join("\n");
  return {
    ...(content === "" ? {} : { content: truncate(content, L.content) }),
    embeds: fitEmbeds(embeds),
    components: rendered[0]?.components ?? [],
  };
}

function renderOne(view: OneReplyView, options: RenderOptions): MessagePayload {
  // The question as the member typed it, without control or bidi characters (an author line
  // renders no markdown and pings no one, but should show what was asked, not act on it).
  const asked = view.question
    .replace(/[\p{Cc}\p{Cf}]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (view.kind === "answer") {
    const embed = quotedEmbed(
      view.main.headline,
      asked === "" ? null : `❓ ${asked}`,
      view.main,
      `factdesk · quotes are verbatim from ${view.scope.reports} · ${Math.round(view.confidence * 100)}% likely right`,
      COLOUR.answer,
      view.notice,
    );
    // What other reports say to the same question, each under its own report and date.
    const others = view.others.map((other) =>
      quotedEmbed(
        other.headline,
        null,
        other,
        "factdesk · another report's answer, quoted verbatim",
        COLOUR.refusal,
      ),
    );
    return {
      ...forLine(options.forUserId),
      embeds: fitEmbeds([embed, ...others]),
      components: askButtons(view.related),
    };
  }
  let description = view.message;
  if (view.unknownWords.length > 0)
    description += ` ${view.nothingOn}: ${escapeUserText(truncate(view.unknownWords.join(", "), 300))}.`;
  if (view.suggestions.length > 0)
    description +=
      view.kind === "clarify"
        ? "\n\nDid you mean one of these? Pick it below:"
        : "\n\nHere is what it can answer — pick a question below, or try:";
  description += `\n${view.suggestions.map((o) => `• ${o.question}`).join("\n")}`;
  return {
    ...forLine(options.forUserId),
    embeds: [
      {
        color: COLOUR.refusal,
        ...(asked === "" ? {} : { author: { name: truncate(`❓ ${asked}`, L.authorName) } }),
        title:
          view.reason === "too_long"
            ? "Question too long"
            : view.kind === "clarify"
              ? "Did you mean…?"
              : view.reply.unclear
                ? "No clear answer"
                : `Not in ${view.scope.reports}`,
        description: truncate(description, L.embedDescription),
        footer: {
          text: truncate(`factdesk answers only from ${view.scope.described} · /help`, L.footerText),
        },
      },
    ],
    components: askButtons(view.suggestions),
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

/**
 * A /city reply: what the reports say about the place, with its locator map when there is one
 * (the PNG uploaded with the message, shown as the embed's image), or the places they cover.
 */
export function renderPlace(view: PlaceView, map: LocatorMap | null = null): MessagePayload {
  if (view.kind === "found") {
    const { place } = view;
    const embed = quotedEmbed(
      `${place.name} (${place.kind})`,
      place.aliases.length > 0 ? truncate(`Also: ${place.aliases.join(", ")}`, L.authorName) : null,
      view.main,
      "factdesk · what the reports say about this place, quoted verbatim",
      COLOUR.answer,
    );
    // What older reports say of it, each under its own report and date.
    const others = view.others.map((other) =>
      quotedEmbed(
        `${place.name} (${place.kind})`,
        null,
        other,
        "factdesk · an earlier report on this place, quoted verbatim",
        COLOUR.refusal,
      ),
    );
    // A map too large to upload is left out rather than failing the reply.
    if (map === null || map.png.length > L.attachmentBytes)
      return { embeds: fitEmbeds([embed, ...others]), components: askButtons(view.related) };
    return {
      embeds: fitEmbeds([{ ...embed, image: { url: `attachment://${map.fileName}` } }, ...others]),
      components: askButtons(view.related),
      files: [
        {
          attachment: map.png,
          name: map.fileName,
          description: truncate(map.altText, L.attachmentDescription),
        },
      ],
    };
  }
  const names = view.suggestions.map((p) => `**${p.name}** (${p.kind})`).join(", ");
  return {
    embeds: [
      {
        color: COLOUR.refusal,
        title: "Not a place the reports cover",
        description: truncate(
          `“${escapeUserText(truncate(view.query, 200))}” does not appear in the reports. They cover: ${names}.`,
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
  return renderNotice(`You're asking quickly — try again in ${seconds} s.`);
}

/** The ephemeral reply when handling failed. */
export function renderError(): MessagePayload {
  return renderNotice("Something went wrong while answering. Please try again in a moment.");
}

/** A one-line message with nothing else (a notice: too fast, a stale button, an unknown command). */
export function renderNotice(content: string): MessagePayload {
  return { content, embeds: [], components: [] };
}
