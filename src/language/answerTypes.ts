/** What kind of thing a sentence supplies, and a question asks for: the words shared by the store and the reader. */
export const ANSWER_TYPES = [
  "person",
  "organisation",
  "place",
  "date",
  "number",
  "distance",
  "reason",
  "description",
  "quote",
] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];
