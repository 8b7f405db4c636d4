/**
 * Splits a question in several parts into its parts: "who are the rebels and what do they
 * want?", "Two things: who leads the offensive, and when did it start?", a forum post of
 * several sentences each asking something. A part is a clause that asks (opens with a
 * question word or an auxiliary, or ends with "?"); the words before the first part
 * ("Two things:", "I'm confused.") are context, not a part.
 */

const ASKING =
  /^(?:who|whom|whose|what|when|where|why|how|which|did|do|does|is|was|were|are|has|have|had|can|could|will|would|should|so|and|also|plus|then)\b/i;
const QUESTION_WORD =
  /^(?:who|whom|whose|what|when|where|why|how|which|did|do|does|is|was|were|are|has|have|had|can|could|will|would)\b/i;

/** The parts of a question; one part when it asks one thing. */
export function splitQuestion(question: string): string[] {
  const sentences = question
    .split(/(?<=[?!.])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const parts: string[] = [];
  for (const sentence of sentences) {
    // "…, and when did it start", "… and what do they want", "…; where is Homs"
    const clauses = sentence
      .split(
        /\s*(?:,\s*(?:and|but)\s+|;\s*|:\s*|\s+(?:and|but|also|plus)\s+|,\s+)(?=(?:who|whom|whose|what|when|where|why|how|which|did|do|does|is|was|were|are|has|have|had|can|could|will|would)\b)/i,
      )
      .map((c) => c.trim())
      .filter((c) => c !== "");
    for (const clause of clauses) {
      const asks = clause.endsWith("?") || QUESTION_WORD.test(clause) || ASKING.test(clause);
      if (asks) parts.push(clause.replace(/^(?:and|also|plus|then|so)\s+/i, ""));
    }
  }
  // A part must say something of its own beyond its question word.
  const real = parts.filter((p) => p.split(/\s+/).length >= 3);
  return real.length >= 2 ? real : [question];
}
