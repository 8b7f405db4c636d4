/**
 * The vocabulary of actions (language/actions.yaml): which words say which action, which
 * words put the one acted on in the subject ("Hama *fell*"), and what each action entails.
 * Words are matched by lemma, so "took over", "takes over" and "taking over" are one phrase.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { z } from "zod";
import { LANGUAGE_DIR } from "./englishLanguage.ts";
import { lemmaPhrase, type Word } from "./readWords.ts";

const actionSchema = z.strictObject({
  action: z.string().regex(/^[a-z]+$/, "must be one lowercase word"),
  words: z.array(z.string().min(1)).min(1, "must list at least one word"),
  undergoer: z.array(z.string().min(1)).default([]),
  ergative: z.boolean().default(false),
  /** A state that holds for a while ("controls", "displaced", "remains"): asked about, the newest report speaks first. */
  state: z.boolean().default(false),
  entails: z.array(z.string()).default([]),
  /** Entailed actions another does ("the army withdrew" → the attackers captured): their doer is not this one's. */
  entailsOther: z.array(z.string()).default([]),
  /** What a doer does instead of this one: asked why it did not ("why didn't the army stay?"), a claim of these answers (it withdrew). */
  instead: z.array(z.string()).default([]),
});

/** Where a question or sentence says an action. */
export interface ActionMention {
  /** The actions its words may say ("flee": withdraw or displace). */
  actions: string[];
  /** Index of its first and one past its last word. */
  start: number;
  end: number;
  /** The actions for which the subject is the one it happens to ("Hama fell", "thousands died"). */
  undergoerFor: string[];
  /** The actions for which either role may be the subject ("the offensive began"). */
  ergativeFor: string[];
}

interface Node {
  /** Action ids the phrase ending here says, with whether it is an undergoer word. */
  says: Array<{ action: string; undergoer: boolean }>;
  next: Map<string, Node>;
}

export class ActionVocabulary {
  private readonly root: Node = { says: [], next: new Map() };
  private readonly entailed = new Map<string, ReadonlySet<string>>();
  private readonly entailedOther = new Map<string, ReadonlySet<string>>();
  private readonly insteadOf = new Map<string, ReadonlySet<string>>();
  private readonly ergatives = new Set<string>();
  private readonly states = new Set<string>();
  readonly actions: readonly string[];

  constructor(entries: ReadonlyArray<z.output<typeof actionSchema>>) {
    this.actions = entries.map((e) => e.action);
    for (const entry of entries) {
      for (const word of entry.words) this.add(word, entry.action, false);
      for (const word of entry.undergoer) this.add(word, entry.action, true);
      this.entailed.set(entry.action, new Set(entry.entails));
      this.entailedOther.set(entry.action, new Set(entry.entailsOther));
      this.insteadOf.set(entry.action, new Set(entry.instead));
      if (entry.ergative) this.ergatives.add(entry.action);
      if (entry.state) this.states.add(entry.action);
    }
  }

  private add(phrase: string, action: string, undergoer: boolean): void {
    let node = this.root;
    for (const lemma of lemmaPhrase(phrase).split(" ")) {
      let child = node.next.get(lemma);
      if (!child) {
        child = { says: [], next: new Map() };
        node.next.set(lemma, child);
      }
      node = child;
    }
    if (!node.says.some((s) => s.action === action && s.undergoer === undergoer))
      node.says.push({ action, undergoer });
  }

  /**
   * Whether a claim of action `claimed` answers a question asking `asked`: the same action, one
   * it entails with the same doer, or one it entails that another does ("the army withdrew" →
   * the attackers captured the city).
   */
  answers(
    claimed: string,
    asked: string,
    negated = false,
  ): "same" | "entailed" | "entailedOther" | "instead" | null {
    if (claimed === asked) return "same";
    if (this.entailed.get(claimed)?.has(asked)) return "entailed";
    if (this.entailedOther.get(claimed)?.has(asked)) return "entailedOther";
    // "Why didn't the army stay?": what it did instead answers (it withdrew).
    return negated && this.insteadOf.get(asked)?.has(claimed) ? "instead" : null;
  }

  /** The actions whose claims also answer `asked` (those that entail it; asked why not, those done instead). */
  entailing(asked: string, negated = false): string[] {
    return this.actions.filter(
      (action) =>
        this.entailed.get(action)?.has(asked) ||
        this.entailedOther.get(action)?.has(asked) ||
        (negated && this.insteadOf.get(asked)?.has(action)),
    );
  }

  /** Whether an action is a state ("control", "displace", "remain"): how things stand. */
  isState(action: string): boolean {
    return this.states.has(action);
  }

  isKnown(action: string): boolean {
    return this.entailed.has(action);
  }

  /** Every action the words say, longest phrase first at each place, left to right. */
  find(words: readonly Word[]): ActionMention[] {
    const found: ActionMention[] = [];
    /** Particles already read with their verb. */
    const particles = new Set<number>();
    for (let i = 0; i < words.length;) {
      if (particles.has(i)) {
        i += 1;
        continue;
      }
      let node: Node | undefined = this.root;
      let best: { end: number; says: Node["says"] } | null = null;
      for (let j = i; j < words.length && node; j++) {
        node = node.next.get(words[j]?.lemma ?? "");
        if (node && node.says.length > 0) best = { end: j + 1, says: node.says };
      }
      // A phrasal verb split by its object ("took the city *back*", "pulled its troops *out*").
      if ((!best || best.end === i + 1) && words[i]?.pos === "VERB") {
        const verb = this.root.next.get(words[i]?.lemma ?? "");
        for (let j = i + 2; verb && j <= i + 4 && j < words.length; j++) {
          const w = words[j];
          if (!w || !PARTICLES.has(w.lemma)) continue;
          const phrase = verb.next.get(w.lemma);
          if (phrase && phrase.says.length > 0) {
            best = { end: i + 1, says: phrase.says };
            particles.add(j);
          }
          break;
        }
      }
      // A lone word says an action as a verb, noun or adjective, not as an adverb ("is the war *back*").
      if (best && best.end === i + 1 && !CONTENT_POS.has(words[i]?.pos ?? "")) best = null;
      if (best) {
        const actions = [...new Set(best.says.map((s) => s.action))];
        found.push({
          actions,
          start: i,
          end: best.end,
          undergoerFor: [...new Set(best.says.filter((s) => s.undergoer).map((s) => s.action))],
          ergativeFor: actions.filter((a) => this.ergatives.has(a)),
        });
        i = best.end;
      } else i += 1;
    }
    return found;
  }
}

/** Parts of speech a lone word says an action as. */
const CONTENT_POS: ReadonlySet<string> = new Set(["VERB", "NOUN", "ADJ", "PROPN"]);

/** The particles of English phrasal verbs that can follow the verb's object ("took the city *back*"). */
const PARTICLES: ReadonlySet<string> = new Set(["up", "out", "over", "back", "off", "down", "away", "in"]);

let cached: ActionVocabulary | null = null;

/** The shipped vocabulary, read once; a malformed entry throws naming the file and the entry. */
export function actionVocabulary(): ActionVocabulary {
  if (cached) return cached;
  const file = path.join(LANGUAGE_DIR, "actions.yaml");
  const raw: unknown = YAML.parse(readFileSync(file, "utf8"));
  if (!Array.isArray(raw)) throw new Error(`${file}: must be a YAML list of actions`);
  const entries = raw.map((item: unknown, index) => {
    const parsed = actionSchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `${file}: action entry ${index + 1}: ${issue?.path.join(".") ?? ""} ${issue?.message ?? "is invalid"}`,
      );
    }
    return parsed.data;
  });
  const known = new Set(entries.map((e) => e.action));
  for (const e of entries)
    for (const a of [...e.entails, ...e.entailsOther, ...e.instead])
      if (!known.has(a)) throw new Error(`${file}: action "${e.action}": entails unknown action "${a}"`);
  cached = new ActionVocabulary(entries);
  return cached;
}
