/**
 * Where a question becomes an answer. `AnswerEngine.answer(question)` returns either the
 * article sentences that answer it, best first, or a refusal saying the article does not
 * cover it, with the closest questions the bot can answer.
 *
 * How it decides (see README "How a question becomes an answer"):
 * 1. The question is analysed into terms (textAnalysis.ts): names and synonyms read as one
 *    canonical term, misspellings corrected against the store, chat-speak expanded.
 * 2. BM25 (minisearch) over the facts' questions, keywords and cited sentences proposes candidates.
 * 3. Each candidate is weighed by rules, not raw scores:
 *    - coverage: the share of the question's meaning (IDF-weighted terms) the fact speaks of;
 *      words the store has never seen ("population", "weather") weigh most and lower it;
 *    - question match: F1 against the best of the fact's curated questions;
 *    - names, ordinals and years must all appear in the fact (a group also by the words the
 *      article uses for it, in the quoted sentences);
 *    - answer type: "how many" needs a number, "when" a date, "how far" a distance, "where" a
 *      place; "who…" naming the very people the answer names asks about someone else;
 *    - focus: the word asked about ("the *population* of Hama") must be in the fact; "how many
 *      *troops*" needs a fact that counts troops; a kind ("which *country*") is met by a fact
 *      naming one (questionIntent.ts reads all of this from the wording).
 * 4. The best candidate answers when its coverage (higher for when / how many / how far, whose
 *    other words name which event) and combined score clear fixed thresholds,
 *    and the question names nothing the article never mentions (an unknown name, or a curated
 *    concept no fact speaks of); otherwise the engine refuses and suggests the closest
 *    answerable questions.
 */
import type { Citation, Fact, KnowledgeStore, Source } from "../knowledge/loadKnowledge.ts";
import { MONTHS, WEEKDAYS } from "../language/calendarWords.ts";
import { englishLanguage } from "../language/englishLanguage.ts";
import { englishWords } from "../language/englishWords.ts";
import { nearWords } from "../language/nearWords.ts";
import { actionVocabulary, type ActionVocabulary } from "../language/actionVocabulary.ts";
import { ClaimBook, CLAIM_FIT_WEIGHTS, type ClaimFit } from "./claimBook.ts";
import {
  chanceRight,
  decide,
  shippedCalibration,
  type AnswerFeatures,
  type Calibration,
} from "./decide/calibration.ts";
import { FactIndex, speaksOf, type Candidate, type IndexedFact } from "./factIndex.ts";
import { offeredQuestion } from "../knowledge/offeredQuestion.ts";
import { AUXILIARIES, asksNow, readActions, type TextReading } from "./readActions.ts";
import { splitQuestion } from "./splitQuestion.ts";
import {
  askedType,
  dateWords,
  datesGivenForFinerDate,
  COUNTED_WITHIN,
  isNumberWord,
  isStrict,
  isVagueFocus,
  kindNamedBy,
  questionFocus,
  satisfies,
  type AskedType,
} from "./questionIntent.ts";
import {
  foldTokens,
  isCommonWord,
  isNameTerm,
  isStopWord,
  nameTerm,
  stem,
  TextAnalyzer,
  writtenAs,
  type Analysis,
} from "./textAnalysis.ts";

/** How much a question term found only in a fact's quoted sentence counts, against one the curator tied to it. */
const TEXT_ONLY_MATCH = 0.7;

/** How much a common English word the store never uses weighs, against a rare unknown word. */
const COMMON_UNKNOWN_WEIGHT = 0.5;

/**
 * A common English word the store does use ("own", "whole", "part") weighs at most this share
 * of the weight of a word the store has never seen: it is rare in the store, not in questions.
 */
const COMMON_KNOWN_MAX_SHARE = 0.35;

/** Questions longer than this get a reply saying so rather than a guess. */
export const MAX_QUESTION_LENGTH = 500;

export interface AnswerReply {
  kind: "answer";
  question: string;
  /** The fact that answers, and the sentences it cites, best first. */
  fact: Fact;
  citations: Citation[];
  /** 0..1: how sure the engine is that these sentences answer the question. */
  confidence: number;
  /** Other facts on the same subject, for "related questions". */
  related: Fact[];
  trace?: DecisionTrace;
  /** A question in several parts: the reply to each part, in order. */
  parts?: Reply[];
  /** What other reports say to the same question, newest first (each quote framed by its own report). */
  alsoReported?: Array<{ fact: Fact; citations: Citation[] }>;
  /** Asked about now: the newest report's date, which the answer speaks for, and how long ago that was. */
  asOf?: AsOf;
}

/** What one question may be answered from. */
export interface AnswerScope {
  /** Only these reports (source ids); every report when absent. */
  reports?: readonly string[];
}

/** The date a present-tense answer speaks for: the store knows nothing later. */
export interface AsOf {
  /** The newest report in the store. */
  source: Source;
  /** Whole days from that report's date to the clock's today. */
  daysAgo: number;
}

export type RefusalReason =
  /** Nothing but blanks. */
  | "empty"
  /** Over MAX_QUESTION_LENGTH characters. */
  | "too_long"
  /** No word that carries meaning (a greeting, "?"). */
  | "no_content"
  /** The article does not say. */
  | "not_covered"
  /** Unsure which of a few answers is meant: a question back, "did you mean…?". */
  | "unsure";

export interface RefusalReply {
  kind: "refusal";
  question: string;
  reason: RefusalReason;
  /** 0..1: the best candidate's score, below the answer threshold. */
  confidence: number;
  /** The closest questions the bot can answer. */
  suggestions: Fact[];
  /** Words of the question the store has never seen. */
  unknownWords: string[];
  /** The asked action and the names no claim of it involves ("flee", ["Assad"]): why the report is silent. */
  notClaimed?: { action: string; names: string[] };
  /**
   * A sentence passed every check but was too unlikely right to answer or ask back: the reports
   * may say it in words the bot does not follow, so the reply does not claim they are silent.
   */
  unclear?: true;
  trace?: DecisionTrace;
  /** A question in several parts: the reply to each part, in order. */
  parts?: Reply[];
}

export type Reply = AnswerReply | RefusalReply;

/** How the engine decided, step by step: what it read, which claims fit, how each candidate fared. */
export interface DecisionTrace {
  /** The question's terms, as analysed. */
  terms: string[];
  /** The actions read, with the terms around each. */
  actions: Array<{ words: string; actions: string[]; before: string[]; after: string[]; doer: string[] }>;
  anchors: Array<{ relation: string; terms: string[] }>;
  present: boolean;
  /** Claims that answer the asked action, by sentence; null when no action is asked. */
  claims: Array<{ sentence: string; action: string; relation: string; score: number }> | null;
  /** The best candidates, with each check's result. */
  candidates: Array<{
    fact: string;
    score: number;
    coverage: number;
    questionMatch: number;
    claimFit: number | null;
    failed: string[];
  }>;
  /** What the decision knew of the best candidate, and the chance it gave it. */
  features?: AnswerFeatures;
  chance?: number;
  /** Why the engine answered or refused, in words. */
  decision: string;
}

/** Tuning of the answer rules; defaults measured with `npm run eval` (README "Measured quality"). */
export interface AnswerEngineOptions {
  /** How many BM25 candidates the rules weigh. Default 25. */
  candidateCount?: number;
  /** The least coverage an answer needs. Default 0.4. */
  minCoverage?: number;
  /** The least combined score an answer needs. Default 0.55. */
  minScore?: number;
  /** How many suggestions or related questions to offer. Default 3. */
  suggestionCount?: number;
  /**
   * How answers are decided: the fitted calibration (default: the shipped one, decide/calibration.json),
   * null for the fixed thresholds, or "raw" to answer with every best candidate (to fit a calibration).
   */
  calibration?: Calibration | null | "raw";
  /** Whether claims decide questions about actions. Default true; false measures the engine without them. */
  useClaims?: boolean;
  /** The clock, for how long ago the newest report was ("as of"). Default: the system clock. */
  now?: () => Date;
}

const DEFAULTS: Required<Omit<AnswerEngineOptions, "calibration">> = {
  candidateCount: 25,
  minCoverage: 0.4,
  minScore: 0.55,
  suggestionCount: 3,
  useClaims: true,
  now: () => new Date(),
};

interface Weighed {
  entry: IndexedFact;
  bm25: number;
  coverage: number;
  questionMatch: number;
  /** Every name, ordinal and year of the question is in the fact. */
  namesOk: boolean;
  /** The fact can supply the asked type (or the asked type is not strict). */
  typeOk: boolean;
  /** A "who …" question that names someone the fact's answer names asks about someone else ("who leads HTS?"). */
  asksOtherAgent: boolean;
  /** May answer: names, type and agent rules all pass. */
  eligible: boolean;
  score: number;
  /** How well the fact's claims answer the question's action; null when it asks about none. */
  claimFit: number | null;
  /** The checks it failed, by name. */
  failed: string[];
}

/** A reply on its own, without the parts of the question it belongs to. */
export function withoutParts(reply: Reply): Reply {
  const { parts: _parts, ...rest } = reply;
  return rest;
}

/** How close to the best answer's coverage another report's answer must come to be shown beside it. */
const ACROSS_COVERAGE = 0.1;
/** Asked how things stand, another report's answer that speaks of this much of the question is shown (newest first). */
const STATE_MIN_COVERAGE = 0.5;
/** Whatever is asked, a newer report's answer that speaks of this much of the question is shown (it may be news). */
const NEWER_MIN_COVERAGE = 0.6;

/** A part of a question that points back to the one before ("what do *they* want?"). */
const POINTS_BACK = /\b(?:they|them|their|it|its|he|him|his|she|her|there|this|that|those|these)\b/i;

/**
 * How much of its F1 a curated question counts when it asks for another thing than the question
 * ("who supports…", "is X backed by…" against "why does…"). Measured: 0.3 and 0.5 alike, 0.7 half the gain.
 */
const OTHER_ASK_MATCH = 0.5;

/**
 * A question naming this many things, none of whose sentences names them all, is answered by what
 * is said of some of them. Measured: from two names, out-of-scope questions naming two things were
 * answered (dev refused −0.8); from three, a few more right and none refused less.
 */
const MANY_NAMES = 3;

/**
 * How much of its weight a question's word the store never uses counts when a sentence has one of
 * its near words (language/near-words.json). Measured on dev: 0.35 fewer right, 0.7 more wrong.
 */
const NEAR_WORD_MATCH = 0.5;

/** A question match this close to one of a fact's curated questions answers without a fitting claim. */
const CURATED_MATCH = 0.9;

/** How many facts quoting a fitting claim's sentence first join the candidates (the store's first ones). */
const CLAIM_CANDIDATES_PER_SENTENCE = 3;

/**
 * A sentence no curator described that speaks of this much of the question may answer an asked
 * action with no claim read ("forced from their homes" is displacement the vocabulary does not
 * know). Measured: 0.6 refused less on the third report, 0.8 answered less (docs/round-6.md).
 */
const UNREAD_CLAIM_COVERAGE = 0.7;

/**
 * A report's setting: the country it names in at least this many sentences, and more than any
 * other. Each of its sentences speaks of it ("the country's third largest city" is Syria's).
 * Measured: 3 and 2 alike on the article; 2 found the setting of the short second and third
 * reports (+5 right there).
 */
const SETTING_MIN_SENTENCES = 2;

/** How much a fitting claim adds to a candidate's score. */
const CLAIM_WEIGHT = 0.6;

/** First words of a yes/no question. */
const YES_NO_START: ReadonlySet<string> = new Set([...AUXILIARIES, "so", "ok", "okay"]);

/**
 * Whether a question asks yes or no: it opens with an auxiliary ("did…", "is…"), or it is a
 * statement with a tag ("The war began in 2015, right?", "…, didn't it?").
 */
export function asksYesNo(analysis: Analysis): boolean {
  return YES_NO_START.has(analysis.tokens[0] ?? "") || analysis.tagged;
}

/** A claim's sort key as a number for "newest" (YYYY-MM-DDTHH → comparable). */
const whenRank = (when: string): number => Number(when.replace(/\D/g, "").padEnd(10, "0"));

/** The focus of a question, as a term of its analysis. */
interface Focus {
  term: string;
  /** The kind of thing the focus word names ("country"), when it names one. */
  kind: string | undefined;
  boundToName: boolean;
  counted: boolean;
}

/** "end", "ended", "ending" once stemmed: asked when something ended, the fact must speak of an end. */
const END_TERM = "end";

/** Asking when, how many or how far, more of the question must be about the fact: the rest names another event. */
const STRICT_MIN_COVERAGE = 0.5;

/** Confidence of an answer to a question that only names something ("who is HTS?"). */
const ENTITY_ONLY_CONFIDENCE = 0.8;

/** Words that must match like names: "second largest" is not answered by "fourth largest". */
const ORDINALS: ReadonlySet<string> = englishLanguage().ordinals;

/**
 * Events a question may ask about that the answering fact must itself speak of, as it must of
 * names: "did Damascus *fall* after Hama" is not answered by the distance from Hama to Damascus.
 * Measured on the dev set and the hold-outs: capture and killing only gained refusals;
 * withdrawal also cost answers ("fled" is the displaced fleeing too), beginning and massacre
 * changed nothing.
 */
const MUST_SPEAK_OF_EVENTS = ["capture", "kill"];

/** A year of the question ("2011"): it must match like a name. */
const isYearTerm = (term: string) => /^\d{4}$/.test(term);
const isCalendarWord = (word: string) => MONTHS.includes(word) || WEEKDAYS.includes(word);

const mustMatch = (term: string) => isNameTerm(term) || ORDINALS.has(term) || isYearTerm(term);

export class AnswerEngine {
  readonly store: KnowledgeStore;
  readonly analyzer: TextAnalyzer;
  readonly index: FactIndex;
  private readonly options: Required<Omit<AnswerEngineOptions, "calibration">>;
  private readonly calibration: Calibration | null | "raw";
  /** What kind of thing each name term is: person, organisation, country, city, province. */
  private readonly kindOf: ReadonlyMap<string, string>;
  /** The terms of MUST_SPEAK_OF_EVENTS in this store's analysis (their synonym groups' heads). */
  private readonly eventTerms: ReadonlySet<string>;
  /** For each entity's name term, the terms of the words the article uses for it. */
  private readonly mentionedAs: ReadonlyMap<string, readonly string[]>;
  readonly vocabulary: ActionVocabulary;
  readonly claims: ClaimBook;
  /** Whether a curator wrote any fact of the store. */
  private readonly curatedStore: boolean;
  /** Each report's setting (its country's name term), by report id. */
  private readonly settingOf: ReadonlyMap<string, string>;

  constructor(store: KnowledgeStore, options: AnswerEngineOptions = {}) {
    this.store = store;
    const { calibration, ...rest } = options;
    this.options = { ...DEFAULTS, ...rest };
    this.calibration = calibration === undefined ? shippedCalibration() : calibration;
    this.analyzer = new TextAnalyzer(store, englishWords());
    this.index = new FactIndex(store, this.analyzer);
    this.kindOf = new Map([
      ...store.entities.map((e) => [nameTerm(e.id), e.kind] as const),
      ...store.places.map((p) => [nameTerm(p.name), p.kind] as const),
    ]);
    this.eventTerms = new Set(MUST_SPEAK_OF_EVENTS.flatMap((w) => this.analyzer.analyze(w).terms));
    this.mentionedAs = new Map(
      store.entities.map((e) => [
        nameTerm(e.id),
        e.mentionedAs.flatMap((words) => this.analyzer.analyze(words).terms),
      ]),
    );
    this.curatedStore = store.facts.some((f) => f.curated);
    this.settingOf = this.settings(store);
    this.vocabulary = actionVocabulary();
    // For roles, only the words that stand for a group by themselves ("insurgents"), not phrases
    // that also name something else ("opposition offensive").
    const roleWords = new Map(
      store.entities.map((e) => [
        nameTerm(e.id),
        e.mentionedAs.flatMap((words) => {
          const terms = this.analyzer.analyze(words).terms;
          return terms.length === 1 ? terms : [];
        }),
      ]),
    );
    this.claims = new ClaimBook(store, this.analyzer, this.vocabulary, roleWords, this.kindOf);
  }

  /** The country each report is set in: the one its sentences name most, in enough of them (SETTING_MIN_SENTENCES). */
  private settings(store: KnowledgeStore): Map<string, string> {
    // A country the store knows only as a word ("syria", no entity) is counted too, so that
    // another it names less is not taken for the setting.
    const countries = this.index.countryTerms;
    const sentencesBy = new Map<string, Map<string, Set<string>>>();
    for (const fact of store.facts) {
      const first = fact.citations[0];
      const entry = this.index.entryOf(fact);
      if (!first || !entry) continue;
      const bySource = sentencesBy.get(first.source.id) ?? new Map<string, Set<string>>();
      sentencesBy.set(first.source.id, bySource);
      for (const term of entry.textTerms)
        if (countries.has(term))
          bySource.set(term, (bySource.get(term) ?? new Set<string>()).add(first.sentence.id));
    }
    const setting = new Map<string, string>();
    for (const [source, bySource] of sentencesBy) {
      const [top, next] = [...bySource].sort((a, b) => b[1].size - a[1].size);
      if (
        top &&
        isNameTerm(top[0]) &&
        top[1].size >= SETTING_MIN_SENTENCES &&
        top[1].size > (next?.[1].size ?? 0)
      )
        setting.set(source, top[0]);
    }
    return setting;
  }

  /**
   * Answers a question from the store, or refuses with suggestions. Never throws on input.
   * A question in several parts ("who are the rebels and what do they want?") gets a reply for
   * each part in `parts`; the reply itself is the first part's answer (or, when no part is
   * answered, the first part's refusal).
   */
  answer(question: string, scope: AnswerScope = {}): Reply {
    const parts = question.length <= MAX_QUESTION_LENGTH ? splitQuestion(question) : [question];
    if (parts.length < 2) return this.answerOne(question, scope);
    const replies: Reply[] = [];
    parts.forEach((part, i) => {
      // "…and what do *they* want?": a part that only points back reads the names of the one before.
      const previous = parts[i - 1];
      const context =
        i > 0 && previous !== undefined && POINTS_BACK.test(part) ? this.participantWords(previous) : "";
      const reply = this.answerOne(context === "" ? part : `${part} ${context}`, scope);
      replies.push({ ...reply, question: part });
    });
    const first = replies.find((r) => r.kind === "answer") ?? replies[0];
    if (!first) return this.answerOne(question, scope);
    return { ...first, question, parts: replies };
  }

  /** The words of a question that fill roles (names, and the words the store's claims use for roles). */
  private participantWords(question: string): string {
    const analysis = this.analyzer.analyze(question, { correctSpelling: true });
    return analysis.terms
      .filter((t) => this.claims.isParticipant(t))
      .map((t) => analysis.surface.get(t) ?? "")
      .join(" ");
  }

  /** Answers a question of one part. */
  private answerOne(question: string, scope: AnswerScope): Reply {
    const text = question.trim();
    if (text === "") return this.refuse(question, "empty", 0, [], []);
    if (text.length > MAX_QUESTION_LENGTH) return this.refuse(question, "too_long", 0, [], []);

    const analysis = this.analyzer.analyze(text, { correctSpelling: true });
    if (analysis.terms.length === 0 || englishLanguage().helpRequests.has(analysis.tokens.join(" ")))
      return this.refuse(question, "no_content", 0, [], []);

    const asked = askedType(analysis.tokens);
    const unknownWords = [
      ...new Set(
        [
          ...analysis.terms
            .filter(
              (t) => !this.index.knows(t) && !isNameTerm(t) && !isCommonWord(analysis.surface.get(t) ?? t),
            )
            .map((t) => analysis.surface.get(t) ?? t),
          ...analysis.strangers,
        ].map(writtenAs),
      ),
    ];
    // A question about someone or something the article never names cannot be answered from it:
    // an unknown name, or a curated concept no fact speaks of ("the UN").
    // A yes/no question's month or weekday the report never says is a value to check, not a
    // stranger ("did the offensive start on December 1?": it began on November 27).
    const strangers = asksYesNo(analysis)
      ? analysis.strangers.filter((w) => !isCalendarWord(w))
      : analysis.strangers;
    const namesStranger =
      strangers.length > 0 || analysis.terms.some((t) => this.isUnusedConcept(t, analysis));
    const names = analysis.terms.filter(isNameTerm);

    // A question that only names one thing ("tell me about Homs", "who is HTS?") gets what the
    // store says that thing is — or a refusal when the article does not say.
    if (!namesStranger && names.length === 1 && analysis.terms.length === 1 && !isStrict(asked)) {
      const about = this.aboutName(names[0] ?? "");
      // "Who is the *current* president?": what the newest report says, as of its date.
      if (about)
        return this.answerWith(question, about, ENTITY_ONLY_CONFIDENCE, undefined, {
          present: asksNow(analysis.tokens),
        });
      const mentioning = this.index
        .factsWith(names[0] ?? "", this.options.suggestionCount)
        .map((e) => e.fact);
      return this.refuse(question, "not_covered", 0, mentioning, unknownWords);
    }

    // The actions the question asks about, and the claims that answer them: a question about an
    // action no claim of the store makes, with those roles, is not answered by a sentence that
    // only shares its names ("did Assad flee", "what did Turkey say").
    const reading = readActions(analysis, this.vocabulary, this.claims.isParticipant);
    // Not asked about: "what does the report say about…" (speech with no speaker), and actions
    // no claim of the store makes at all ("end up"), which are read as words only.
    const asks = reading.actions.filter(
      (a) =>
        !(a.actions.every((x) => x === "say") && a.before.length === 0 && a.doer.length === 0) &&
        a.actions.some(
          (x) =>
            this.claims.speaksOfAction(x) ||
            this.vocabulary.entailing(x).some((e) => this.claims.speaksOfAction(e)),
        ),
    );
    const trace: DecisionTrace = {
      terms: analysis.terms,
      actions: asks.map((a) => ({
        words: a.words,
        actions: a.actions,
        before: a.before,
        after: a.after,
        doer: a.doer,
      })),
      anchors: reading.anchors,
      present: reading.present,
      claims: null,
      candidates: [],
      decision: "",
    };
    const hypothetical = analysis.tokens.some((t) => englishLanguage().hypotheticalWords.has(t));
    const yesNoAsked = asked === "any" && asksYesNo(analysis);
    const claimFits =
      asks.length > 0 && this.options.useClaims
        ? this.claims.fitting({
            actions: asks,
            anchors: reading.anchors,
            yesNo: yesNoAsked,
            hypothetical,
            future: asksFuture(analysis.tokens),
          })
        : null;
    if (claimFits !== null)
      trace.claims = [...claimFits.values()].map((f) => ({
        sentence: f.claim.sentence.id,
        action: f.claim.action,
        relation: f.relation,
        score: round(f.score),
      }));
    // No claim answers the asked action with those roles: the candidates are weighed by their
    // words alone, and the decision knows that no claim fits (a strong sign the report is silent).
    let claimMissing = claimFits !== null && claimFits.size === 0;
    // A name the report never puts in any claim of the asked action: it does not say ("did *Assad*
    // flee", "what did *Turkey* say").
    // "Why didn't the army defend Hama?" asks about what did not happen: no claim of it is no
    // sign the report is silent (its answer is what happened instead).
    const asksWhyNot = asked === "reason" && asks.some((a) => a.negated);
    const absent =
      claimMissing && !asksWhyNot
        ? asks.flatMap((a) =>
            [...a.before, ...a.after, ...a.doer].filter(
              (t) =>
                isNameTerm(t) &&
                !this.claims.namedInAction(t, a.actions, hypothetical, a.negated || yesNoAsked) &&
                !this.claims.inReadSentence(t),
            ),
          )
        : [];
    if (absent.length > 0 && !namesStranger) {
      const suggestions = this.weigh(analysis, asked)
        .filter((w) => w.namesOk)
        .map((w) => w.entry.fact);
      const who = [...new Set(absent)].map((t) => analysis.surface.get(t) ?? t);
      trace.decision = `no claim of ${asks.map((a) => `“${a.words}”`).join(", ")} involves ${who.join(", ")}`;
      return this.refuse(question, "not_covered", 0, suggestions, unknownWords, trace, {
        action: asks.map((a) => a.words).join(", "),
        names: who,
      });
    }

    const focus = this.focusTerm(text, analysis);
    const inScope = (w: Weighed) =>
      scope.reports === undefined || scope.reports.includes(w.entry.fact.citations[0]?.source.id ?? "");
    let weighed = this.weigh(analysis, asked, focus, claimMissing ? null : claimFits, reading).filter(
      inScope,
    );
    // Claims propose; when no fact with a fitting claim passes the other checks ("how far must
    // they go to *reach* Homs" asks a distance), the candidates are weighed by their words alone.
    if (!claimMissing && claimFits !== null && !weighed.some((w) => w.eligible)) {
      claimMissing = true;
      weighed = this.weigh(analysis, asked, focus, null, reading).filter(inScope);
    }
    // "The Observatory is based in Britain and its chief is Rami Abdurrahman?": a question naming
    // several things no one sentence names together is answered by what is said of some of them.
    if (!weighed.some((w) => w.eligible) && names.length >= MANY_NAMES)
      weighed = this.weigh(analysis, asked, focus, claimMissing ? null : claimFits, reading, true).filter(
        inScope,
      );
    // "What's next after Hama?": when no sentence that names Hama answers, one that does not may
    // (the name only dates what is asked).
    if (!weighed.some((w) => w.eligible) && reading.anchors.some((a) => !a.event))
      weighed = this.weigh(
        analysis,
        asked,
        focus,
        claimMissing ? null : claimFits,
        reading,
        names.length >= MANY_NAMES,
        true,
      ).filter(inScope);
    const best = weighed.find((w) => w.eligible);
    const focusUnknown = focus !== null && !this.index.knows(focus.term);
    trace.candidates = weighed.slice(0, 5).map((w) => ({
      fact: w.entry.fact.id,
      score: round(w.score),
      coverage: round(w.coverage),
      questionMatch: round(w.questionMatch),
      claimFit: w.claimFit === null ? null : round(w.claimFit),
      failed: w.failed,
    }));
    const suggestions = weighed.filter((w) => w.namesOk).map((w) => w.entry.fact);
    if (!best || namesStranger || focusUnknown) {
      trace.decision = namesStranger
        ? "names something the store never mentions"
        : focusUnknown
          ? "asks about something the store never mentions"
          : "no candidate passes every check";
      return this.refuse(question, "not_covered", 0, suggestions, unknownWords, trace);
    }
    // Across reports: how things stand comes from the newest report that speaks of it, and what
    // other reports say to the same question follows, each with its own date.
    const asksState =
      reading.present ||
      asks.some((a) => a.actions.some((x) => this.vocabulary.isState(x))) ||
      (asks.length === 0 && (asked === "place" || asked === "number" || asked === "distance"));
    const across = this.acrossReports(best, weighed, asksState);
    const features = this.features(best, weighed, analysis, asks.length > 0, claimMissing, unknownWords);
    features.reports = Math.min(3, across.others.length + 1);
    trace.features = features;
    const calibration = this.calibration;
    const answer = (confidence: number) => {
      trace.decision = `answered by ${across.primary.entry.fact.id}${calibration === "raw" ? " (uncalibrated)" : `: ${Math.round(100 * confidence)}% likely right`}`;
      return this.answerWith(question, across.primary.entry.fact, confidence, trace, {
        alsoReported: across.others.map((w) => ({ fact: w.entry.fact, citations: w.entry.fact.citations })),
        present: reading.present,
      });
    };
    if (calibration === "raw") return answer(best.score);
    if (calibration === null) {
      // No calibration fitted: the fixed thresholds the rules were tuned with.
      const minCoverage =
        isStrict(asked) && asked !== "place" ? STRICT_MIN_COVERAGE : this.options.minCoverage;
      if (best.coverage >= minCoverage && best.score >= this.options.minScore) return answer(best.score);
      trace.decision = "the best candidate's coverage or score is below the threshold";
      return this.refuse(question, "not_covered", best.score, suggestions, unknownWords, trace);
    }
    const chance = chanceRight(calibration, features);
    trace.chance = round(chance);
    const outcome = decide(calibration, chance);
    if (outcome === "answer") return answer(chance);
    if (outcome === "clarify") {
      // Unsure: ask back with the closest answerable questions, each quoting another sentence.
      const options = distinctSentences(
        this.options.suggestionCount,
        weighed.filter((w) => w.eligible).map((w) => w.entry.fact),
      );
      trace.decision = `unsure (${Math.round(100 * chance)}% likely right): asks which was meant`;
      return this.refuse(question, "unsure", chance, options, unknownWords, trace);
    }
    trace.decision = `the best candidate is only ${Math.round(100 * chance)}% likely right`;
    return {
      ...this.refuse(question, "not_covered", chance, suggestions, unknownWords, trace),
      unclear: true,
    };
  }

  /**
   * The answer for one fact, as if its first question had been asked (a suggestion button).
   * Null when the store has no such fact (a button from an older version of the store).
   */
  answerFact(factId: string): AnswerReply | null {
    const fact = this.store.factById.get(factId);
    if (!fact) return null;
    const question = offeredQuestion(fact);
    return this.answerWith(question, fact, 1);
  }

  /** Related facts by fact id, computed once per fact. */
  private readonly relatedCache = new Map<string, Fact[]>();

  /** Facts on the same subject as `fact` ("more like this" over its curated terms), quoting other sentences. */
  private related(fact: Fact): Fact[] {
    const cached = this.relatedCache.get(fact.id);
    if (cached) return cached;
    const entry = this.index.entryOf(fact);
    if (!entry) return [];
    const primary = fact.citations[0]?.sentence.id;
    const others = this.index
      .candidates([...entry.curatedTerms], this.options.candidateCount)
      .map((c) => c.entry.fact)
      .filter((f) => f !== fact && f.citations[0]?.sentence.id !== primary);
    const related = distinctFacts(this.options.suggestionCount, others);
    this.relatedCache.set(fact.id, related);
    return related;
  }

  /** Whether a fact's fitting claim supplies the asked type: a place, a date, a doer. */
  private claimSupplies(fact: Fact, fits: ReadonlyMap<string, ClaimFit>, asked: AskedType): boolean {
    const fit = fits.get(fact.citations[0]?.sentence.id ?? "");
    if (!fit) return false;
    const { claim } = fit;
    const names = (role: ReadonlySet<string>) => [...role].filter(isNameTerm);
    if (asked === "place")
      return [...names(claim.object), ...names(claim.place)].some((n) => {
        const kind = this.kindOf.get(n);
        return kind === "city" || kind === "province" || kind === "country" || kind === "place";
      });
    if (asked === "date") return claim.dated;
    if (asked === "agent") return claim.agent.size > 0;
    if (asked === "reason") return claim.why !== null;
    return false;
  }

  /** What the decision knows of the best candidate (decide/calibration.ts). */
  private features(
    best: Weighed,
    weighed: readonly Weighed[],
    analysis: Analysis,
    asksAction: boolean,
    claimMissing: boolean,
    unknownWords: readonly string[],
  ): AnswerFeatures {
    const firstSentence = best.entry.fact.citations[0]?.sentence.id;
    const next = weighed.find(
      (w) => w !== best && w.eligible && w.entry.fact.citations[0]?.sentence.id !== firstSentence,
    );
    const topBm25 = topBm25Of(weighed, best.entry.fact.curated);
    return {
      score: best.score,
      coverage: best.coverage,
      // A fact no curator wrote has no questions: its coverage stands for them, as in its score.
      questionMatch: best.entry.fact.curated ? best.questionMatch : best.coverage,
      bm25: best.bm25 / topBm25,
      claimFit: best.claimFit ?? 0,
      asksAction: asksAction ? 1 : 0,
      claimMissing: claimMissing ? 1 : 0,
      margin: next ? best.score - next.score : best.score,
      strict: isStrict(askedType(analysis.tokens)) ? 1 : 0,
      unknownShare: unknownWords.length / Math.max(1, analysis.terms.length),
      reports: 1,
      terms: analysis.terms.length,
    };
  }

  /** How well a fact's claims answer the question (0 when none does), and the fit. */
  private factFit(
    fact: Fact,
    fits: ReadonlyMap<string, ClaimFit>,
    reading: TextReading | null,
    newest: number,
    newestEnd: number,
  ): { score: number; superseded: boolean; instead: boolean } {
    let best = 0;
    let superseded = false;
    let instead = false;
    fact.citations.forEach((c, i) => {
      const fit = fits.get(c.sentence.id);
      if (!fit) return;
      let score = fit.score * (i === 0 ? 1 : CLAIM_FIT_WEIGHTS.laterCitation);
      // Asked about now: the latest claim speaks for now, an earlier one for its own time.
      // A state a later claim ended ("under government control since 2011", then the withdrawal)
      // no longer holds: its claim does not answer "is it still so?".
      // Nor does a state that a later claim of the asked action set anew ("who controls Hama
      // now?": the capture answers, not the control since 2011).
      // A state a report says held, undated, where the same report tells of its end (the army
      // "has withdrawn" from a city that "remained under full government control"), held until
      // that news: the end speaks for now.
      const state = this.vocabulary.isState(fit.claim.action);
      const ended =
        whenRank(fit.claim.when) < newestEnd ||
        (state && whenRank(fit.claim.when) < newest) ||
        (state &&
          fit.relation !== "contradicts" &&
          !fit.claim.dated &&
          whenRank(fit.claim.when) === newestEnd);
      if (reading?.present && fit.relation !== "contradicts" && ended) {
        superseded = true;
        return;
      }
      if (reading?.present && whenRank(fit.claim.when) < newest) score *= CLAIM_FIT_WEIGHTS.laterCitation;
      // …and the latest claim that ends the asked state answers "is it still so?" in full
      // ("still under government control?": the army has withdrawn).
      else if (reading?.present && fit.relation === "contradicts") score /= CLAIM_FIT_WEIGHTS.contradicts;
      if (score > best) instead = fit.instead === true;
      best = Math.max(best, score);
    });
    return { score: best, superseded: superseded && best === 0, instead };
  }

  /** Weighs every candidate by the answer rules; best first. */
  private weigh(
    analysis: Analysis,
    asked: AskedType,
    focus: Focus | null = null,
    claimFits: ReadonlyMap<string, ClaimFit> | null = null,
    reading: TextReading | null = null,
    someNames = false,
    anchorsFree = false,
  ): Weighed[] {
    const { terms } = analysis;
    // A word the store never uses may speak of what a sentence says in a near word ("choppers":
    // helicopters), weakly (NEAR_WORD_MATCH); the near words weigh candidates, not find them
    // (measured: finding them too answered fewer right).
    const near = new Map(
      terms
        .filter((t) => !isNameTerm(t) && !this.index.knows(t))
        .map((t) => [t, this.nearTerms(analysis.surface.get(t) ?? t, terms)] as const),
    );
    const candidates: Candidate[] = this.index.candidates(terms, this.options.candidateCount);
    const askedActions = reading?.actions.flatMap((a) => a.actions) ?? [];
    // Asked about now, the latest fitting claim speaks for now.
    const newestClaim =
      claimFits !== null && reading?.present
        ? Math.max(...[...claimFits.values()].map((f) => whenRank(f.claim.when)))
        : 0;
    const newestEnd =
      claimFits !== null && reading?.present
        ? Math.max(
            0,
            ...[...claimFits.values()]
              .filter((f) => f.relation === "contradicts")
              .map((f) => whenRank(f.claim.when)),
          )
        : 0;
    if (claimFits !== null) {
      // The facts quoting a fitting claim's sentence are candidates whatever words they share.
      const have = new Set(candidates.map((c) => c.entry.fact.id));
      // The best-fitting sentences only: in a store of many reports thousands of sentences may
      // make a claim of the asked action.
      const bestFitting = [...claimFits]
        .sort((a, b) => b[1].score - a[1].score)
        .slice(0, this.options.candidateCount)
        .map(([sentenceId]) => sentenceId);
      for (const sentenceId of bestFitting)
        for (const fact of this.claims
          .factsQuoting(sentenceId)
          .first.slice(0, CLAIM_CANDIDATES_PER_SENTENCE)) {
          const entry = this.index.entryOf(fact);
          if (entry && !have.has(fact.id)) {
            candidates.push({ entry, bm25: 0 });
            have.add(fact.id);
          }
        }
    }
    const topBm25 = { curated: topBm25Of(candidates, true), uncurated: topBm25Of(candidates, false) };
    // When asked so (anchorsFree), a name that only dates what is asked ("what's next *after
    // Hama*") need not be in the answer: the claims' order checks it.
    const anchorNames = new Set(
      anchorsFree
        ? (reading?.anchors ?? []).filter((a) => !a.event).flatMap((a) => a.terms.filter(isNameTerm))
        : [],
    );
    const weights = new Map(terms.map((t) => [t, this.termWeight(t, analysis)]));
    const totalWeight = [...weights.values()].reduce((a, b) => a + b, 0);
    // The asked actions' words, for a claim of what was done instead (only asked why not).
    const actionTerms = new Set(
      reading?.actions.some((a) => a.negated)
        ? reading.actions.flatMap((a) => this.analyzer.analyze(a.words).terms.filter((t) => !isNameTerm(t)))
        : [],
    );
    const ranked = terms.filter(
      (t) =>
        !anchorNames.has(t) &&
        ((mustMatch(t) && (!ORDINALS.has(t) || ranksAThing(analysis, t))) || this.eventTerms.has(t)),
    );
    // "Did the war begin in *2012*?", "is Homs the *second* largest city?": a yes/no question's
    // year or rank may be wrong, and the sentence that gives the true one answers "no" — it must
    // give a year (a rank) of its own instead.
    const yesNoQuestion = asksYesNo(analysis);
    // …and its month or weekday ("did it start on *December* 1?"): the sentence must give a date.
    const calendarTerms = yesNoQuestion
      ? terms.filter((t) => isCalendarWord(analysis.surface.get(t) ?? ""))
      : [];
    const checkedValues = yesNoQuestion
      ? [...ranked.filter((t) => isYearTerm(t) || ORDINALS.has(t)), ...calendarTerms]
      : [];
    const required = ranked.filter((t) => !checkedValues.includes(t));
    // Besides what is counted, the question's rarer words other than names (common ones say little).
    const countedRest = terms.filter(
      (t) =>
        t !== focus?.term && !isNameTerm(t) && !(analysis.surface.get(t) ?? t).split(" ").every(isCommonWord),
    );
    const asksEnd = (asked === "date" || asked === "duration") && terms.includes(END_TERM);
    const givenDates = asked === "date" ? datesGivenForFinerDate(analysis.tokens) : null;
    const language = englishLanguage();
    const joined = ` ${analysis.tokens.join(" ")} `;
    const asksHour = language.timeOfDay.asks.some((phrase) => joined.includes(` ${phrase} `));
    // "How many *exactly*", "on what *exact* date", "which wars *exactly*": only a sentence that
    // gives a figure or a date answers (not a yes/no question, nor "where exactly").
    const asksExact =
      (isStrict(asked) || asked === "any") &&
      asked !== "place" &&
      !yesNoQuestion &&
      analysis.tokens.some((t) => language.exactnessWords.has(t));
    const names = terms.filter(isNameTerm);
    // "Which came first, the 1982 massacre or the 2011 uprising?": years are compared as names are.
    const compared = [...names, ...terms.filter(isYearTerm)];
    const comparing = compared.length >= 2 && (someNames || comparesNames(analysis, compared));
    const hasOtherTerms = names.length < terms.length;

    return candidates
      .map(({ entry, bm25 }): Weighed => {
        const fit =
          claimFits === null ? null : this.factFit(entry.fact, claimFits, reading, newestClaim, newestEnd);
        // A fact whose claim says what was done instead speaks of the asked action's words, in its
        // own ("why didn't the army *stay* and *fight*?": it withdrew).
        const claimed = fit !== null && fit.score > 0 && fit.instead;
        // Coverage: a term the curator tied to the fact counts fully; one found only in the
        // quoted sentence (which may be about more than this fact) counts less.
        // Question match: the best F1 between the question and one of the fact's questions,
        // from the weight of the question's terms each of them holds.
        let shared = 0;
        const matched = new Array<number>(entry.questionTerms.length).fill(0);
        // "Which *group* leads…": a fact naming a thing of the asked kind speaks of the focus word.
        // …one the question does not name itself ("which country is Russia at war with?" is not
        // answered by a sentence naming Russia alone).
        const ofAskedKind = (t: string) => this.kindOf.get(t) === focus?.kind && !names.includes(t);
        const focusByKind =
          focus?.kind !== undefined && !entry.terms.has(focus.term) && [...entry.terms].some(ofAskedKind);
        for (const [term, weight] of weights) {
          if (entry.curatedTerms.has(term)) shared += weight;
          else if (
            entry.terms.has(term) ||
            (focusByKind && term === focus.term) ||
            (claimed && actionTerms.has(term))
          )
            shared += TEXT_ONLY_MATCH * weight;
          else if (near.get(term)?.some((n) => entry.terms.has(n))) shared += NEAR_WORD_MATCH * weight;
          for (const i of entry.questionsWithTerm.get(term) ?? []) matched[i] = (matched[i] ?? 0) + weight;
        }
        const coverage = totalWeight > 0 ? shared / totalWeight : 0;
        let questionMatch = 0;
        matched.forEach((weight, i) => {
          const total = entry.questionWeights[i] ?? 0;
          if (total === 0 || weight === 0) return;
          const recall = Math.min(1, weight / total);
          const precision = Math.min(1, weight / totalWeight);
          // A curated question that asks for another thing ("*who* supports the SNA" against
          // "*why* does Turkey support it") matches only in its words.
          const asks = entry.questionAsks[i] ?? "any";
          const sameAsk = asks === asked || asked === "any";
          questionMatch = Math.max(
            questionMatch,
            ((2 * precision * recall) / (precision + recall)) * (sameAsk ? 1 : OTHER_ASK_MATCH),
          );
        });
        // A report's sentences all speak of the country it is set in ("the capital" is Syria's).
        // A name tied to the focus ("the leader of HTS") must be in the fact itself, not only its group.
        const setting = this.settingOf.get(entry.fact.citations[0]?.source.id ?? "");
        const speaks = (n: string) =>
          n === setting || (focus?.boundToName ? entry.terms.has(n) : speaksOf(entry, n, this.mentionedAs));
        // "Is Aleppo bigger than Homs?": a comparison is answered by what the article says of either.
        const namesOk =
          (comparing
            ? required.filter((n) => !compared.includes(n)).every(speaks) && compared.some(speaks)
            : required.every(speaks)) &&
          checkedValues.every(
            (v) =>
              entry.terms.has(v) ||
              (isYearTerm(v)
                ? [...entry.textTerms].some(isYearTerm)
                : calendarTerms.includes(v)
                  ? givesFigure(entry.fact, true)
                  : [...entry.textTerms].some((t) => ORDINALS.has(t))),
          );
        // The fact's answer types, or its fitting claim's: "what city fell" is answered by a claim whose object is a city.
        const typeOk =
          satisfies(asked, entry.fact.answers) ||
          (claimFits !== null && this.claimSupplies(entry.fact, claimFits, asked));
        // "which *country* is SOHR in": only an answer name of the asked kind can be the one asked about.
        const asksOtherAgent =
          asked === "agent" &&
          hasOtherTerms &&
          entry.answerNameTerms.some(
            (n) => names.includes(n) && (focus?.kind === undefined || this.kindOf.get(n) === focus.kind),
          );
        const focusOk =
          focus === null ||
          (entry.terms.has(focus.term) && (!focus.counted || this.counts(entry, focus.term, countedRest))) ||
          (focus.kind !== undefined && [...entry.terms].some(ofAskedKind));
        // "When did the uprising *end*": a date of its start does not answer it.
        const endOk = !asksEnd || entry.terms.has(END_TERM);
        // "In which month of 1982…": a fact whose only date is 1982 cannot tell.
        const finerOk = givenDates === null || this.datesOf(entry).some((d) => !givenDates.has(d));
        // "At what time did the army announce it?": a day ("on Thursday") does not say the hour.
        const hourOk = !asksHour || givesHour(entry.fact);
        const exactOk = !asksExact || givesFigure(entry.fact, asked === "date");
        const claimFit = fit === null ? null : fit.score;
        // A curator's question asked word for word does not revive a state that has ended.
        const curatedMatch = questionMatch >= CURATED_MATCH && fit?.superseded !== true;
        // The NLP's reading of a sentence no curator described may miss who did what: one that
        // makes a claim of the asked action at all may still answer (its words then decide).
        // One that speaks of most of the question may make the claim in words the NLP does not read.
        const roughlyClaimed =
          claimFit === 0 &&
          !entry.fact.curated &&
          (coverage >= UNREAD_CLAIM_COVERAGE ||
            this.claims
              .claimsOf(entry.fact.citations[0]?.sentence.id ?? "")
              .some((c) => askedActions.some((a) => this.vocabulary.answers(c.action, a) !== null)));
        // A curator's question asked nearly word for word says this fact answers it, claims or not.
        const claimOk = claimFit === null || claimFit > 0 || curatedMatch || roughlyClaimed;
        const eligible =
          namesOk &&
          focusOk &&
          endOk &&
          finerOk &&
          hourOk &&
          exactOk &&
          (typeOk || !isStrict(asked)) &&
          !asksOtherAgent &&
          claimOk;
        const typeBonus = asked !== "any" && typeOk ? 0.1 : 0;
        // Not capped at 1, so that two strong candidates still rank; confidence is capped.
        // A fact no curator wrote has no questions to match: its coverage stands for them.
        const score =
          0.45 * coverage +
          0.35 * (entry.fact.curated ? questionMatch : coverage) +
          0.2 * (bm25 / (entry.fact.curated ? topBm25.curated : topBm25.uncurated)) +
          typeBonus +
          CLAIM_WEIGHT * (claimFit ?? 0);
        const failed = [
          ...(namesOk ? [] : ["names"]),
          ...(focusOk ? [] : ["focus"]),
          ...(endOk ? [] : ["end"]),
          ...(finerOk ? [] : ["finer-date"]),
          ...(hourOk ? [] : ["hour"]),
          ...(exactOk ? [] : ["exact"]),
          ...(typeOk || !isStrict(asked) ? [] : ["answer-type"]),
          ...(asksOtherAgent ? ["asks-other-agent"] : []),
          ...(claimOk ? [] : ["claim"]),
        ];
        return {
          entry,
          bm25,
          coverage,
          questionMatch,
          namesOk,
          typeOk,
          asksOtherAgent,
          eligible,
          score,
          claimFit,
          failed,
        };
      })
      .sort((a, b) => b.score - a.score || a.entry.order - b.entry.order);
  }

  /**
   * The term the question's focus word became in its analysis (so "seat" in "Assad's seat of
   * power" is the phrase's term), unless it is a name or a word too common to tell.
   */
  private focusTerm(text: string, analysis: Analysis): Focus | null {
    const focus = questionFocus(text);
    // "Is Homs Syria's *second* largest city?": a yes/no question's rank is checked as a value
    // (the sentence giving the true one answers), not looked for as a word.
    if (
      focus === null ||
      isStopWord(focus.word) ||
      isVagueFocus(focus.word) ||
      (ORDINALS.has(focus.word) && asksYesNo(analysis)) ||
      (focus.possessor !== undefined && !this.possessorIsName(focus.possessor, analysis))
    )
      return null;
    const [folded] = foldTokens(focus.word);
    for (const [term, surface] of analysis.surface) {
      if (surface.split(" ").includes(folded ?? focus.word))
        return isNameTerm(term)
          ? null
          : {
              term,
              kind: kindNamedBy(folded ?? focus.word),
              boundToName: focus.boundToName,
              counted: focus.counted ?? false,
            };
    }
    return null;
  }

  /**
   * Whether the word before a possessive names someone or somewhere ("*Assad's* wife", "*Syria's*
   * second city"), not a plain word ("the *regime's* ground forces", "*what's* likely").
   */
  private possessorIsName(word: string, analysis: Analysis): boolean {
    const [folded = word] = foldTokens(word);
    return (
      !englishWords().has(folded) ||
      [...analysis.surface].some(([term, surface]) => isNameTerm(term) && surface.split(" ").includes(folded))
    );
  }

  /** The terms of a word's near words (language/near-words.json), by word, worked out once each. */
  private readonly nearTermsCache = new Map<string, readonly string[]>();

  /** The terms of the near words of a question term's words, other than the question's own terms. */
  private nearTerms(surface: string, own: readonly string[]): string[] {
    return surface.split(" ").flatMap((word) => {
      let terms = this.nearTermsCache.get(word);
      if (terms === undefined) {
        terms = [...new Set(nearWords(word).flatMap((w) => this.analyzer.analyze(w).terms))];
        if (this.nearTermsCache.size >= 10_000) this.nearTermsCache.clear();
        this.nearTermsCache.set(word, terms);
      }
      return terms.filter((t) => !own.includes(t));
    });
  }

  /** The date words of a fact's cited sentences, by fact id. */
  private readonly datesCache = new Map<string, string[]>();

  private datesOf(entry: IndexedFact): string[] {
    let dates = this.datesCache.get(entry.fact.id);
    if (dates === undefined) {
      dates = entry.fact.citations.flatMap((c) => dateWords(foldTokens(c.sentence.text)));
      this.datesCache.set(entry.fact.id, dates);
    }
    return dates;
  }

  /** Whether a fact tells how many of `term` ("how many *troops*…"), by fact and term. */
  private readonly countsCache = new Map<string, { asked: boolean; told: boolean }>();

  /**
   * Whether a fact's answer counts `term`: a cited sentence puts a number just before it ("three
   * *days*", "tens of thousands of *people*"), or one of its curated questions asks "how many"
   * of it and the fact speaks of the rest of the question too (`rest`: "how many people *live*
   * in Hama" is not "how many people were killed in 1982"). A sentence that only mentions
   * insurgents and some number does not say how many insurgents there are.
   */
  private counts(entry: IndexedFact, term: string, rest: readonly string[]): boolean {
    const key = `${entry.fact.id}\u0000${term}`;
    let how = this.countsCache.get(key);
    if (how === undefined) {
      const asked = entry.fact.questions.some((q) => {
        const focus = questionFocus(q);
        return focus?.counted === true && this.analyzer.analyze(focus.word).terms[0] === term;
      });
      const told = entry.fact.citations.some((citation) => {
        const tokens = foldTokens(citation.sentence.text);
        return tokens.some(
          (token, i) =>
            isNumberWord(token) &&
            this.analyzer.analyze(tokens.slice(i + 1, i + 1 + COUNTED_WITHIN).join(" ")).terms.includes(term),
        );
      });
      how = { asked, told };
      if (this.countsCache.size < 100_000) this.countsCache.set(key, how);
    }
    return how.told || (how.asked && rest.every((t) => entry.terms.has(t)));
  }

  /**
   * A synonym group's term ("UN" → united nations) that no fact uses: a concept the article never
   * speaks of. Only a curated store tells: its keywords name the concepts its facts speak of,
   * while a report nobody curated has only its own words.
   */
  private isUnusedConcept(term: string, analysis: Analysis): boolean {
    if (!this.curatedStore || isNameTerm(term) || this.index.knows(term)) return false;
    const surface = analysis.surface.get(term) ?? term;
    return surface.includes(" ") ? term.includes("_") : stem(surface) !== term;
  }

  /** A question term's weight: its IDF, less for a common English word (capped when the store uses it, halved when not). */
  private termWeight(term: string, analysis: Analysis): number {
    const idf = this.index.idf(term);
    if (isNameTerm(term)) return idf;
    const surface = analysis.surface.get(term) ?? term;
    const words = surface.split(" ");
    if (this.isUnusedConcept(term, analysis)) return idf;
    const common = words.every(isCommonWord);
    if (this.index.knows(term))
      return common ? Math.min(idf, COMMON_KNOWN_MAX_SHARE * this.index.unseenIdf()) : idf;
    return common ? COMMON_UNKNOWN_WEIGHT * idf : idf;
  }

  /** What the store says a named entity or place is, or null when the article does not say. */
  private aboutName(term: string): Fact | null {
    const entity = this.store.entities.find((e) => nameTerm(e.id) === term);
    if (entity) return entity.about;
    return this.store.places.find((p) => nameTerm(p.name) === term)?.facts[0] ?? null;
  }

  private answerWith(
    question: string,
    fact: Fact,
    score: number,
    trace?: DecisionTrace,
    {
      alsoReported = [],
      present = false,
    }: { alsoReported?: AnswerReply["alsoReported"]; present?: boolean } = {},
  ): AnswerReply {
    const related = this.related(fact);
    return {
      kind: "answer",
      question,
      fact,
      citations: fact.citations,
      confidence: round(score),
      related,
      ...(trace ? { trace } : {}),
      ...(alsoReported.length > 0 ? { alsoReported } : {}),
      ...(present ? { asOf: this.asOf() } : {}),
    };
  }

  /** The newest report and how long ago it was, by the clock. */
  asOf(): AsOf {
    const newest = [...this.store.sources].sort((a, b) => b.date.localeCompare(a.date))[0];
    if (!newest) throw new Error("a store has at least one report");
    const days = Math.floor(
      (this.options.now().getTime() - Date.parse(`${newest.date}T00:00:00Z`)) / 86_400_000,
    );
    return { source: newest, daysAgo: Math.max(0, days) };
  }

  /**
   * The answer across reports: each other report's best eligible candidate that answers about
   * as much of the question (its coverage within ACROSS_COVERAGE of the best's, or, asked how
   * things stand, at least STATE_MIN_COVERAGE) is shown too; the newest report's answer leads,
   * older ones follow marked as earlier, never merged.
   */
  private acrossReports(
    best: Weighed,
    weighed: readonly Weighed[],
    asksState: boolean,
  ): { primary: Weighed; others: Weighed[] } {
    const sourceOf = (w: Weighed) => w.entry.fact.citations[0]?.source;
    const perReport: Weighed[] = [best];
    for (const w of weighed) {
      if (!w.eligible) continue;
      const source = sourceOf(w);
      if (!source || perReport.some((p) => sourceOf(p) === source)) continue;
      const comparable =
        w.coverage >= best.coverage - ACROSS_COVERAGE &&
        (best.claimFit === null || (w.claimFit ?? 0) >= best.claimFit - ACROSS_COVERAGE);
      // A newer report that speaks of most of the question has news on it, whatever is asked.
      const newer = (source.date ?? "") > (sourceOf(best)?.date ?? "");
      if (
        comparable ||
        (asksState && w.coverage >= STATE_MIN_COVERAGE) ||
        (newer && w.coverage >= NEWER_MIN_COVERAGE)
      )
        perReport.push(w);
    }
    if (perReport.length === 1) return { primary: best, others: [] };
    const [primary = best, ...others] = [...perReport].sort((a, b) =>
      (sourceOf(b)?.date ?? "").localeCompare(sourceOf(a)?.date ?? ""),
    );
    return { primary, others };
  }

  private refuse(
    question: string,
    reason: RefusalReason,
    score: number,
    closest: Fact[],
    unknownWords: string[],
    trace?: DecisionTrace,
    notClaimed?: RefusalReply["notClaimed"],
  ): RefusalReply {
    // The closest facts first, then the store's own order: its first facts are its overview.
    const suggestions = distinctFacts(this.options.suggestionCount, closest, this.store.facts);
    return {
      kind: "refusal",
      question,
      reason,
      confidence: round(score),
      suggestions,
      unknownWords,
      ...(trace ? { trace } : {}),
      ...(notClaimed ? { notClaimed } : {}),
    };
  }
}

/** Whether a fact's first sentence says the time of day ("on Thursday *morning*", "at 9:30pm"). */
function givesHour(fact: Fact): boolean {
  const text = fact.citations[0]?.sentence.text ?? "";
  const { words } = englishLanguage().timeOfDay;
  return (
    /\b\d{1,2}([:.]\d\d)?\s*(am|pm)\b|\b\d{1,2}:\d\d\b/i.test(text) ||
    foldTokens(text).some((w) => words.has(w))
  );
}

/** Whether a fact's first sentence gives a figure (a numeral other than a year, or a number word) or, for a date, a year, a month or a day. */
function givesFigure(fact: Fact, date: boolean): boolean {
  const words = foldTokens(fact.citations[0]?.sentence.text ?? "");
  const { cardinalWords } = englishLanguage();
  // A year is a date, not a count ("exactly how many were killed in 1982?"); nor is "one of the
  // most notorious" a figure.
  return words.some(
    (w, i) =>
      (/\d/.test(w) && (date || !/^(1[6-9]|20)\d\d$/.test(w))) ||
      (cardinalWords.has(w) && !(w === "one" && words[i + 1] === "of")) ||
      (date && (MONTHS.includes(w) || WEEKDAYS.includes(w))),
  );
}

/**
 * Whether a question naming several things compares them: "than", "compared", or "or" just
 * before a name ("Homs or Damascus", "closer to Homs or to Damascus") — not a chat "or nah".
 */
function comparesNames(analysis: Analysis, names: readonly string[]): boolean {
  const { tokens } = analysis;
  if (tokens.includes("than") || tokens.includes("compared")) return true;
  const nameWords = new Set(names.flatMap((n) => (analysis.surface.get(n) ?? n).split(" ")));
  return tokens.some(
    (token, i) =>
      token === "or" &&
      [tokens[i + 1], tokens[i + 2]].some((next) => next !== undefined && nameWords.has(next)),
  );
}

/**
 * The best BM25 among candidates curated alike: a curated fact also matches on its questions and
 * keywords, so a sentence no curator described is measured against its own kind.
 */
function topBm25Of(
  candidates: ReadonlyArray<{ entry: IndexedFact; bm25: number }>,
  curated: boolean,
): number {
  return Math.max(
    ...candidates.filter((c) => c.entry.fact.curated === curated).map((c) => c.bm25),
    Number.EPSILON,
  );
}

/**
 * Whether an ordinal of the question ranks a thing ("the *fourth* largest city", "Syria’s *second*
 * city"), after a determiner or a possessive, rather than saying when ("which came *first*", "in
 * the *last* day").
 */
function ranksAThing(analysis: Analysis, ordinal: string): boolean {
  const { determiners, periodWords } = englishLanguage();
  // A possessive is folded away ("Syria’s" → syria): a name just before stands for it.
  const nameWords = new Set(
    [...analysis.surface].filter(([term]) => isNameTerm(term)).flatMap(([, words]) => words.split(" ")),
  );
  return analysis.tokens.some((token, i) => {
    if (token !== ordinal) return false;
    const before = analysis.tokens[i - 1] ?? "";
    const after = analysis.tokens[i + 1] ?? "";
    if (periodWords.has(after) || /^\d/.test(after)) return false;
    return determiners.has(before) || nameWords.has(before);
  });
}

/** Whether a question asks what will happen ("will they take Homs?", "are they going to…"): a claim of what did happen does not answer it. */
function asksFuture(tokens: readonly string[]): boolean {
  const text = ` ${tokens.join(" ")} `;
  return englishLanguage().futureMarkers.some((marker) => text.includes(` ${marker} `));
}

/** A confidence: 0..1, three decimals. */
const round = (value: number) => Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000;

/** The first `count` facts that each quote a different sentence first. */
function distinctSentences(count: number, facts: readonly Fact[]): Fact[] {
  const seen = new Set<string>();
  return facts
    .filter((f) => {
      const first = f.citations[0]?.sentence.id ?? f.id;
      if (seen.has(first)) return false;
      seen.add(first);
      return true;
    })
    .slice(0, count);
}

/** The first `count` distinct facts of the lists, in order; reads no further than it needs. */
function distinctFacts(count: number, ...lists: ReadonlyArray<readonly Fact[]>): Fact[] {
  const seen = new Set<string>();
  const out: Fact[] = [];
  for (const list of lists) {
    for (const fact of list) {
      if (out.length === count) return out;
      if (seen.has(fact.id)) continue;
      seen.add(fact.id);
      out.push(fact);
    }
  }
  return out;
}
