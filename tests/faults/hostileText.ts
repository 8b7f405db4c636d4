/**
 * Hostile text on every path a member's text reaches the bot: /ask's question and report
 * options (in a server, and hidden in a DM), /city's name, both autocompletes, a suggestion
 * button's custom id, a mention in a server and a DM — plus chatter in a server that does not
 * mention the bot, which must get no reply at all. Object.prototype names, control and bidi
 * characters, 6,000-character strings, zalgo, lone surrogates, markdown and links, mentions of
 * everyone, users, roles and channels, template or injection strings, and (full form) random
 * text from fast-check with a fixed seed.
 */
import fc from "fast-check";
import { askButtonId } from "../../src/discord/buttonIds.ts";
import { newUser } from "../support/startTestBot.ts";
import { runRow, type FaultCase, type RowContext } from "./harness.ts";

const ZALGO = "H̸̡̪̯ͨ͊̽̅̾̎Ȩ̬̩̾͛ͪ̈́̀́͘ ̶̧̨̱̹̭̯ͧ̾ͬC̷̙̲̝͖ͭ̏ͥͮ͟Oͮ͏̮̪̝͍M̲̖͊̒ͪͩͬ̚̚͜Ȇ̴̟̟͙̞ͩ͌͝S̨̥̫͎̭ͯ̿̔̀ͅ who took Hama?";

/** The short form's inputs: at least one of each kind. */
const CORE = [
  "constructor",
  "__proto__",
  "hasOwnProperty",
  "\u0000\u0007\b\u001b[31mred\u001b[0m\u007f who leads?",
  "\u202Ewho leads the offensive?\u202C\u2066\u2069\u200F",
  ZALGO,
  "a".repeat(6_000),
  "@everyone ".repeat(600),
  "@everyone @here who took Hama?",
  "<@123> <@!123> <@&456> <#789> who leads?",
  "**bold** `code` ||spoiler|| [link](https://evil.example) discord.gg/abc # heading",
  "\uD800 \uDFFF lone surrogates",
  "",
  "${process.exit(1)} {{constructor.constructor('return process')()}}",
];

const MORE = [
  "prototype",
  "toString",
  "valueOf",
  "__defineGetter__",
  "isPrototypeOf",
  "then",
  "constructor.prototype.polluted",
  "__proto__[polluted]=1",
  "who leads\r\n\tthe offensive?\u2028\u2029\u0085",
  "\u2066\u2067\u2068abc\u2069\u061C\u200E\u200F\u202A\u202B\u202D",
  "\uFEFF\u200B\u200C\u200D\u2060",
  "where is Hama? ".repeat(400),
  "ḩ̸".repeat(3_000),
  "👨‍👩‍👧‍👦🇸🇾".repeat(500),
  "@here",
  "@everyone",
  "@\u200beveryone and \\@here",
  "<@&1> <@!1> <@1> <@0>",
  "```js\nprocess.exit()\n``` > quote\n- list\n1. list",
  "https://evil.example/phish www.evil.example discord.com/invite/abc",
  "   ",
  "\u200b\u200b",
  "'; DROP TABLE facts; --",
  "%s%d%n%x%%",
  "<script>alert(1)</script>",
  "../../../../etc/passwd",
  "\\",
  "null",
  "undefined",
  "NaN",
  "[]",
  "{}",
  "1e309",
];

/** For the full form: random text of any code points and of whole graphemes, the same every run. */
const GENERATED = fc.sample(
  fc.oneof(
    fc.string({ unit: "binary", maxLength: 300 }),
    fc.string({ unit: "grapheme", maxLength: 300 }),
    fc.string({ unit: "binary", minLength: 2_000, maxLength: 6_000 }),
  ),
  { numRuns: 24, seed: 20241205 },
);

/** Every path a member's text takes, as one input each. */
function tryEveryPath({ ledger, t }: RowContext, text: string): void {
  const [first, second] = t.server.guilds;
  const short = JSON.stringify(text.slice(0, 24));
  ledger.interaction(
    { kind: "slash", name: "ask", options: { question: text }, user: newUser() },
    `/ask question ${short}`,
  );
  ledger.interaction(
    { kind: "slash", name: "ask", options: { question: text, hide: true }, user: newUser(), dm: true },
    `/ask question ${short} hidden in a DM`,
  );
  ledger.interaction(
    {
      kind: "slash",
      name: "ask",
      options: { question: "who leads the offensive?", report: text, for: newUser().id },
      user: newUser(),
      guildId: second!.id,
    },
    `/ask report ${short}`,
  );
  ledger.interaction(
    { kind: "slash", name: "city", options: { name: text }, user: newUser(), guildId: second!.id },
    `/city name ${short}`,
  );
  ledger.interaction(
    { kind: "autocomplete", name: "city", focused: "name", options: { name: text }, user: newUser() },
    `/city autocomplete ${short}`,
  );
  ledger.interaction(
    {
      kind: "autocomplete",
      name: "ask",
      focused: "report",
      options: { question: text, report: text },
      user: newUser(),
      dm: true,
    },
    `/ask report autocomplete ${short}`,
  );
  ledger.interaction(
    { kind: "button", customId: askButtonId(text).slice(0, 100), user: newUser(), guildId: first!.id },
    `button ${short}`,
  );
  ledger.message(
    { content: text, mentionBot: true, author: newUser(), guildId: first!.id },
    `mention ${short}`,
  );
  ledger.message({ content: text, dm: true, author: newUser() }, `DM ${short}`);
  // Not for the bot: any reply to it is counted (as a message answering no question).
  t.server.sendMessage({ content: text, author: newUser(), guildId: second!.id });
  ledger.otherInputs += 1;
}

export const hostileCases: FaultCase[] = [
  {
    fault: "hostile text on every path",
    run: (options) =>
      runRow("hostile text on every path", options, async (context) => {
        const texts = options.short ? CORE : [...CORE, ...MORE, ...GENERATED];
        // A few texts at a time, as members type: Discord's 3 s apply to each question.
        for (let i = 0; i < texts.length; i += 4) {
          for (const text of texts.slice(i, i + 4)) tryEveryPath(context, text);
          await context.ledger.waitForReplies(10_000);
        }
      }),
  },
];
