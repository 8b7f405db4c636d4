/**
 * The claims of a store, indexed for answering: each curated claim (knowledge/claims.yaml) or,
 * for a sentence the curator has not listed, each claim the NLP reads from it (readActions),
 * with its roles as analysed terms. `fitting` finds the claims that answer a question's action.
 */
import type { ActionVocabulary } from "../language/actionVocabulary.ts";
import { englishLanguage } from "../language/englishLanguage.ts";
import type { Fact, KnowledgeStore, Source } from "../knowledge/loadKnowledge.ts";
import type { ArticleSentence } from "../knowledge/parseArticle.ts";
import { mayBePerson } from "./factIndex.ts";
import { KIND_WORDS } from "./questionIntent.ts";
import { readActions, rolesFor, type ActionReading, type Roles, type TextReading } from "./readActions.ts";
import {
  isCommonWord,
  isNameTerm,
  isStopWord,
  nameTerm,
  type Analysis,
  type TextAnalyzer,
} from "./textAnalysis.ts";

export interface IndexedClaim {
  sentence: ArticleSentence;
  source: Source;
  action: string;
  agent: ReadonlySet<string>;
  object: ReadonlySet<string>;
  /** Terms either role may hold (read from an ergative verb's subject). */
  either: ReadonlySet<string>;
  place: ReadonlySet<string>;
  /** Every term of the sentence: what a report of speech ("said that…") may be about. */
  content: ReadonlySet<string>;
  /** Sort key (YYYY…); for a claim without one, its report's date. */
  when: string;
  dated: boolean;
  why: string | null;
  negated: boolean;
  hypothetical: boolean;
  /** Read from the sentence by the NLP rather than written by a curator. */
  read: boolean;
}

/** How a claim answers an asked action. */
export type ClaimRelation = "same" | "entailed" | "contradicts";

export interface ClaimFit {
  claim: IndexedClaim;
  relation: ClaimRelation;
  /** 0..1: how well it fits (same action and roles 1; entailed, contradicting, hypothetical, other negation less). */
  score: number;
  /** It says what was done instead of the asked action, asked why it was not ("it withdrew"). */
  instead?: boolean;
}

/** How much each kind of fit counts. */
export const CLAIM_FIT_WEIGHTS = {
  same: 1,
  entailed: 0.85,
  contradicts: 0.7,
  hypothetical: 0.85,
  otherNegation: 0.75,
  /** A fact whose fitting claim is in a later cited sentence, not the one quoted first. */
  laterCitation: 0.75,
} as const;

/** Actions that report speech: "what did X say" is about what the sentence says. */
const REPORTING = new Set(["say", "accuse"]);

export interface AskedClaims {
  actions: readonly ActionReading[];
  anchors: TextReading["anchors"];
  /** A yes/no question ("did the army take Hama?"): a claim of the same action on the same object answers it, whoever did it. */
  yesNo: boolean;
  /** The question asks what may happen ("will they…", "what is next"), not what did. */
  hypothetical: boolean;
  /** It asks what will happen ("will they…", "going to"): only what the report says is likely answers. */
  future: boolean;
}

export class ClaimBook {
  private readonly bySentence = new Map<string, IndexedClaim[]>();
  private readonly byAction = new Map<string, IndexedClaim[]>();
  /** Role terms of the store's claims that are not names: the words a question's roles can be matched by. */
  private readonly roleTerms = new Set<string>();
  /** For each sentence, the facts quoting it first, and those quoting it later. */
  private readonly factsOf = new Map<string, { first: Fact[]; later: Fact[] }>();
  private readonly kindOfTerm: ReadonlyMap<string, string>;
  /** Every term of the sentences whose claims the NLP read (no curator listed them) and found some. */
  private readonly readTerms = new Set<string>();

  constructor(
    store: KnowledgeStore,
    private readonly analyzer: TextAnalyzer,
    private readonly vocabulary: ActionVocabulary,
    /** For each entity's name term, the terms of the words the report uses for it ("insurgents" for HTS). */
    private readonly mentionedAs: ReadonlyMap<string, readonly string[]>,
    /** The kind of each name term: person, organisation, country, city, province. */
    private readonly kindOf: ReadonlyMap<string, string>,
  ) {
    this.kindOfTerm = new Map(
      [...KIND_WORDS].flatMap(([word, kind]) => analyzer.analyze(word).terms.map((t) => [t, kind] as const)),
    );
    const terms = (words: readonly string[]) =>
      new Set(words.flatMap((w) => [...this.analyzer.analyze(w).terms, ...entityTerm(store, w)]));

    for (const source of store.sources) {
      // Each sentence analysed once; the one after it reads it again for its pronouns.
      let previous: Analysis | null = null;
      for (const sentence of source.sentences) {
        const analysis = this.analyzer.analyze(sentence.text);
        const content = new Set(analysis.terms);
        const curated = store.claims.get(sentence.id);
        const claims: IndexedClaim[] = curated
          ? curated.map((c) => ({
              sentence,
              source,
              action: c.action,
              agent: terms(c.agent),
              object: terms(c.object),
              either: new Set<string>(),
              place: terms(c.place),
              content,
              when: c.when ?? source.date,
              dated: c.when !== null,
              why: c.why,
              negated: c.negated,
              hypothetical: c.hypothetical,
              read: false,
            }))
          : this.readClaims(sentence, source, content, analysis, previous);
        this.bySentence.set(sentence.id, claims);
        if (!curated && claims.length > 0) for (const t of content) this.readTerms.add(t);
        for (const claim of claims) {
          const list = this.byAction.get(claim.action) ?? [];
          list.push(claim);
          this.byAction.set(claim.action, list);
          for (const role of [claim.agent, claim.object, claim.place, claim.either])
            for (const t of role) if (!isNameTerm(t)) this.roleTerms.add(t);
        }
        previous = analysis;
      }
    }

    for (const fact of store.facts)
      fact.citations.forEach((c, i) => {
        const entry = this.factsOf.get(c.sentence.id) ?? { first: [], later: [] };
        (i === 0 ? entry.first : entry.later).push(fact);
        this.factsOf.set(c.sentence.id, entry);
      });
  }

  /** Claims the NLP reads from a sentence no curator has listed. */
  private readClaims(
    sentence: ArticleSentence,
    source: Source,
    content: ReadonlySet<string>,
    analysis: Analysis,
    previous: Analysis | null,
  ): IndexedClaim[] {
    const isPerson = (term: string) => mayBePerson(this.kindOf.get(term));
    // A pronoun with no one named before it in its sentence stands for the person the sentence
    // before named last ("…said Mr Assad had left Syria. State media reported that *he*…").
    const earlier = previous?.spans.map((span) => span.term).findLast((t) => isNameTerm(t) && isPerson(t));
    const resolved = resolvePronouns(analysis, isPerson, earlier);
    const reading = readActions(
      resolved,
      this.vocabulary,
      (term) => {
        if (isNameTerm(term)) return true;
        const words = (resolved.surface.get(term) ?? term).split(" ");
        return !words.every((w) => isStopWord(w) || isCommonWord(w));
      },
      { statement: true },
    );
    return reading.actions.flatMap((a) =>
      a.actions.map((action): IndexedClaim => {
        const read = rolesFor(a, action);
        // Speech is often reported speaker last ("…,” said a spokesman): either side may be the speaker.
        const roles = REPORTING.has(action)
          ? { agent: [], object: [], either: [...read.agent, ...read.object, ...read.either] }
          : read;
        return {
          sentence,
          source,
          action,
          agent: new Set(roles.agent),
          object: new Set(roles.object),
          either: new Set(roles.either),
          place: new Set<string>(),
          content,
          when: source.date,
          dated: false,
          why: null,
          negated: a.negated,
          // What someone said is said, whatever it says may come ("…will face a judge," said a commander).
          hypothetical: a.conditional && !REPORTING.has(action),
          read: true,
        };
      }),
    );
  }

  /** Whether a term can fill a role: a name, or a word the store's claims use for a role. */
  isParticipant = (term: string): boolean => isNameTerm(term) || this.roleTerms.has(term);

  /** Whether a name is in any role of any claim of these actions, or of those entailing them. */
  namedInAction(term: string, actions: readonly string[], hypothetical = true, instead = false): boolean {
    return actions
      .flatMap((a) => [a, ...this.vocabulary.entailing(a, instead)])
      .flatMap((a) => this.byAction.get(a) ?? [])
      .some(
        (c) =>
          (hypothetical || !c.hypothetical) &&
          [c.agent, c.object, c.place, c.either].some((role) => this.fits(term, role)),
      );
  }

  /** Whether a name is in a sentence whose claims the NLP read (so its claims may be incomplete). */
  inReadSentence(term: string): boolean {
    return this.readTerms.has(term);
  }

  /** Whether the store has any claim of this action. */
  speaksOfAction(action: string): boolean {
    return (this.byAction.get(action)?.length ?? 0) > 0;
  }

  /** The claims of one sentence. */
  claimsOf(sentenceId: string): readonly IndexedClaim[] {
    return this.bySentence.get(sentenceId) ?? [];
  }

  /** Facts quoting a sentence, first those that quote it first. */
  factsQuoting(sentenceId: string): { first: readonly Fact[]; later: readonly Fact[] } {
    return this.factsOf.get(sentenceId) ?? { first: [], later: [] };
  }

  /** Whether a question's term fits a claim's role: the same term, a name by its report's word, or a kind word for a name of that kind ("the city" for Hama). */
  fits(term: string, role: ReadonlySet<string>): boolean {
    if (role.has(term)) return true;
    // A group by the report's word for it ("the insurgents" for HTS); a person is not the
    // institution he heads ("Assad fled" is not "the government withdrew").
    const groupWords = (name: string) =>
      this.kindOf.get(name) === "person" ? [] : (this.mentionedAs.get(name) ?? []);
    if (isNameTerm(term) && groupWords(term).some((t) => role.has(t))) return true;
    for (const r of role) {
      if (isNameTerm(r) && groupWords(r).includes(term)) return true;
      const kind = this.kindOfTerm.get(term);
      if (kind !== undefined && this.kindOf.get(r) === kind) return true;
    }
    return false;
  }

  /**
   * How one claim answers one asked action, or null when it does not. The terms the question
   * puts in a role must fit the claim's: at least one of them, none in the opposite role only
   * ("who leads the SNA?" is not answered by "led by HTS and the SNA"). A yes/no question about
   * the right action and object but another doer is answered by the claim, which says who did.
   */
  fit(ask: ActionReading, claim: IndexedClaim, asked: AskedClaims): ClaimFit | null {
    let best: ClaimFit | null = null;
    for (const action of ask.actions) {
      // What the doer did instead answers "why didn't it…?" and "did it…?" alike ("did the army
      // defend Hama?": it withdrew).
      const relation = this.vocabulary.answers(claim.action, action, ask.negated || asked.yesNo);
      if (relation === null) continue;
      const fit = this.fitRoles(
        rolesFor(ask, action),
        relation === "instead" ? "entailed" : relation,
        claim,
        asked,
        ask.nominal,
      );
      if (fit && relation === "instead") fit.instead = true;
      if (fit && (!best || fit.score > best.score)) best = fit;
    }
    if (!best) return null;
    // What the report says is only likely or possible does not answer what happened ("did they
    // go on to capture Homs?" is not answered by "Homs is likely the next target").
    if (claim.hypothetical && !asked.hypothetical) return null;
    // …and what did happen does not answer what will ("will Assad survive this?").
    if (asked.future && !claim.hypothetical) return null;
    for (const anchor of asked.anchors) {
      // What is only likely or possible has not happened before or after anything.
      if (claim.hypothetical) return null;
      // "What fell before Hama": not Hama's own fall.
      if (!anchor.event && anchor.terms.some((t) => isNameTerm(t) && this.fits(t, claim.object))) return null;
      const anchorWhen = this.whenOf(
        anchor.terms,
        anchor.actions.length > 0 ? anchor.actions : ask.actions,
        anchor.event,
      );
      if (anchorWhen !== null && claim.dated) {
        const order = claim.when.localeCompare(anchorWhen);
        if ((anchor.relation === "before" && order >= 0) || (anchor.relation === "after" && order <= 0))
          return null;
      }
    }
    if (claim.hypothetical) best.score *= CLAIM_FIT_WEIGHTS.hypothetical;
    // What was done instead is said plainly ("the army withdrew" answers "why didn't it stay?").
    if (claim.negated !== ask.negated && !best.instead) best.score *= CLAIM_FIT_WEIGHTS.otherNegation;
    return best;
  }

  private fitRoles(
    roles: Roles,
    relation: "same" | "entailed" | "entailedOther",
    claim: IndexedClaim,
    asked: AskedClaims,
    loose: boolean,
  ): ClaimFit | null {
    const objectRole = new Set([...claim.object, ...claim.place, ...claim.either]);
    const agentRole = new Set([...claim.agent, ...claim.either]);
    const anyRole = new Set([...agentRole, ...objectRole]);
    const about = REPORTING.has(claim.action) ? new Set([...objectRole, ...claim.content]) : objectRole;
    // A claim entailing an action another does has another doer ("the army withdrew" → the attackers took it).
    const agents = relation === "entailedOther" ? [] : roles.agent;
    const fitAgents = agents.filter((t) => this.fits(t, agentRole));
    const fitObjects = roles.object.filter((t) => this.fits(t, about));
    const fitEither = roles.either.filter((t) => this.fits(t, anyRole));
    // A name in one role that the claim has only in the other: the roles are the other way round.
    const reversed =
      roles.object.some((t) => isNameTerm(t) && !this.fits(t, about) && this.fits(t, agentRole)) ||
      agents.some((t) => isNameTerm(t) && !this.fits(t, agentRole) && this.fits(t, objectRole));
    if (reversed) return null;
    // Every name the question puts in a role must be in it; other words may miss ("the city").
    const namesFit =
      agents.every((t) => !isNameTerm(t) || fitAgents.includes(t) || asked.yesNo) &&
      roles.object.every((t) => !isNameTerm(t) || fitObjects.includes(t)) &&
      roles.either.every((t) => !isNameTerm(t) || fitEither.includes(t));
    if (!namesFit && !loose) return null;
    const total = agents.length + roles.object.length + roles.either.length;
    const fitted = fitAgents.length + fitObjects.length + fitEither.length;
    // A noun ("the *capture* of Hama", "the next *target*") binds its neighbours loosely: they may
    // name no role at all ("how far is Hama from the next target").
    if (total > 0 && fitted === 0 && !loose) return null;
    let kind: ClaimRelation = relation === "entailedOther" ? "entailed" : relation;
    // Another doer named ("did *Assad* take Hama?", "under *rebel* control" of a government's
    // control): a yes/no question about the same object is answered by the claim, which says
    // who did; another question is not, when the doer is a name.
    if (relation !== "entailedOther" && agents.length > 0 && fitAgents.length === 0) {
      if (agents.some(isNameTerm) && (!asked.yesNo || fitObjects.length === 0)) return null;
      kind = "contradicts";
    }
    const share = total === 0 ? 1 : fitted / total;
    return { claim, relation: kind, score: CLAIM_FIT_WEIGHTS[kind] * (0.5 + 0.5 * share) };
  }

  /**
   * The earliest date of a claim of these actions on these names (an anchor's date), or null:
   * for an event ("the insurgents went in") the names are its doers, for a name ("Hama") what it happened to.
   */
  private whenOf(terms: readonly string[], actions: readonly string[], event: boolean): string | null {
    const key = `${terms.join(" ")}|${actions.join(" ")}|${event}`;
    const known = this.anchorDates.get(key);
    if (known !== undefined) return known;
    const when = this.earliestWhen(terms, actions, event);
    if (this.anchorDates.size >= 10_000) this.anchorDates.clear();
    this.anchorDates.set(key, when);
    return when;
  }

  /** Anchor dates by anchor and actions: the store does not change, so each is worked out once. */
  private readonly anchorDates = new Map<string, string | null>();

  private earliestWhen(terms: readonly string[], actions: readonly string[], event: boolean): string | null {
    const dates = actions
      .flatMap((a) => [
        ...(this.byAction.get(a) ?? []),
        ...this.vocabulary.entailing(a).flatMap((e) => this.byAction.get(e) ?? []),
      ])
      .filter(
        (c) =>
          c.dated &&
          !c.hypothetical &&
          terms.some((t) => this.fits(t, event ? new Set([...c.agent, ...c.either]) : c.object)),
      )
      .map((c) => c.when)
      .sort();
    return dates[0] ?? null;
  }

  /**
   * The claims that answer the question's asked actions, best fit per sentence; a sentence that
   * answers only some of several asked actions ("why did the army *say* it *redeployed*") fits
   * less than one that answers them all.
   */
  fitting(asked: AskedClaims): Map<string, ClaimFit> {
    const perAsk = asked.actions.map((ask) => this.fittingOne(ask, asked));
    const best = new Map<string, ClaimFit>();
    for (const fits of perAsk)
      for (const [sentence, fit] of fits) {
        const current = best.get(sentence);
        if (!current || fit.score > current.score) best.set(sentence, fit);
      }
    if (perAsk.length > 1)
      for (const [sentence, fit] of best) {
        const answered = perAsk.filter((fits) => fits.has(sentence)).length;
        best.set(sentence, { ...fit, score: (fit.score * (1 + answered)) / (1 + perAsk.length) });
      }
    return best;
  }

  private fittingOne(ask: ActionReading, asked: AskedClaims): Map<string, ClaimFit> {
    const best = new Map<string, ClaimFit>();
    {
      const claims = new Set(
        ask.actions.flatMap((a) => [
          ...(this.byAction.get(a) ?? []),
          ...this.vocabulary
            .entailing(a, ask.negated || asked.yesNo)
            .flatMap((e) => this.byAction.get(e) ?? []),
        ]),
      );
      for (const claim of claims) {
        const fit = this.fit(ask, claim, asked);
        if (!fit) continue;
        const current = best.get(claim.sentence.id);
        if (!current || fit.score > current.score) best.set(claim.sentence.id, fit);
      }
    }
    return best;
  }
}

/**
 * A sentence's analysis with "he", "she", "his"… read as the last person named before them ("Assad
 * remained in Damascus…, dismissing reports that *he* had left"), or, when it names none, as
 * `earlier` (the sentence before's): the claims of a sentence no curator has listed then name who did it.
 */
function resolvePronouns(
  analysis: Analysis,
  isPerson: (term: string) => boolean,
  earlier?: string,
): Analysis {
  const spans = [...analysis.spans];
  analysis.tokens.forEach((token, i) => {
    if (!englishLanguage().personPronouns.has(token)) return;
    const named =
      [...analysis.spans].reverse().find((s) => isNameTerm(s.term) && isPerson(s.term) && s.to <= i)?.term ??
      earlier;
    if (named !== undefined) spans.push({ term: named, from: i, to: i + 1 });
  });
  spans.sort((a, b) => a.from - b.from);
  return { ...analysis, spans };
}

/** The name term of a role word that is an entity id or place name as written ("hts", "hassan-abdul-ghani"). */
function entityTerm(store: KnowledgeStore, word: string): string[] {
  const term = nameTerm(word);
  return store.entities.some((e) => nameTerm(e.id) === term) ? [term] : [];
}
