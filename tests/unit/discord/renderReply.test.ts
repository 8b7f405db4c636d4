/** Rendering a reply's view as a Discord message: what a member typed is shown, never acted on. */
import { describe, expect, it } from "vitest";
import { renderReply } from "../../../src/discord/renderReply.ts";
import { viewReply } from "../../../src/view/replyView.ts";
import { testFactdesk } from "../../support/testFactdesk.ts";

describe("renderReply", () => {
  it("shows the question without control or bidi characters, answered or refused", () => {
    const factdesk = testFactdesk();
    for (const question of [
      "who leads \u202Ethe offensive\x1b[31m?",
      "how old is \u2066Assad\u2069\u0007?",
    ]) {
      const message = renderReply(viewReply(factdesk.answer(question), factdesk.store.sources));
      const author = message.embeds[0]?.author?.name ?? "";
      expect(author).toMatch(/^❓ /);
      expect(author).not.toMatch(/[\p{Cc}\p{Cf}]/u);
    }
  });
});
