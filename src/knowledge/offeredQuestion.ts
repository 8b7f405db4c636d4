/** How a fact is offered to a member: as a suggestion, a button, a "did you mean…?". */

/** Words that make a question about now: a suggestion or button must not read as a present-day fact. */
const PRESENT_WORDS = /\b(?:now|still|currently|current|today|anymore|nowadays|at the moment|latest)\b/i;

/** The question a fact is offered by (a suggestion or a button): its first curated question that does not ask about now, else its headline. */
export function offeredQuestion(fact: { questions: readonly string[]; headline: string }): string {
  return fact.questions.find((q) => !PRESENT_WORDS.test(q)) ?? fact.headline;
}
