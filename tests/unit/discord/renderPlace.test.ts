/** /city's message: its locator map uploaded as a file and shown as the embed's image, within Discord's limits. */
import { describe, expect, it } from "vitest";
import { renderPlace } from "../../../src/discord/renderReply.ts";
import { DISCORD_LIMITS } from "../../../src/discord/discordLimits.ts";
import type { LocatorMap } from "../../../src/view/locatorMap.ts";
import { viewPlace } from "../../../src/view/replyView.ts";
import { testFactdesk } from "../../support/testFactdesk.ts";

const homs = viewPlace(testFactdesk().lookupPlace("Homs"));
const map = (fields: Partial<LocatorMap> = {}): LocatorMap => ({
  fileName: "map-homs.png",
  altText: "Map: Homs, 45 km south of Hama in a straight line.",
  png: Buffer.from([0x89, 0x50, 0x4e, 0x47]),
  width: 480,
  height: 360,
  ...fields,
});

describe("renderPlace with a locator map", () => {
  it("uploads the map and shows it as the embed's image, with its alt text", () => {
    const given = map();
    const payload = renderPlace(homs, given);
    expect(payload.embeds).toHaveLength(1);
    expect(payload.embeds[0]?.image).toEqual({ url: "attachment://map-homs.png" });
    expect(payload.files).toEqual([
      { attachment: given.png, name: "map-homs.png", description: given.altText },
    ]);
    // Everything else is the message without the map.
    const { image, ...embed } = payload.embeds[0] ?? {};
    expect(image).toBeDefined();
    expect({ ...payload, embeds: [embed], files: undefined }).toEqual({
      ...renderPlace(homs),
      files: undefined,
    });
  });

  it("cuts an alt text longer than Discord keeps", () => {
    const payload = renderPlace(homs, map({ altText: `Map: Homs. ${"Also shown: Hama. ".repeat(100)}` }));
    expect(payload.files?.[0]?.description.length).toBe(DISCORD_LIMITS.attachmentDescription);
  });

  it("leaves out a map too large to upload, and has no files without a map", () => {
    const tooLarge = renderPlace(homs, map({ png: Buffer.alloc(DISCORD_LIMITS.attachmentBytes + 1) }));
    expect(tooLarge.files).toBeUndefined();
    expect(tooLarge.embeds[0]?.image).toBeUndefined();
    expect(renderPlace(homs).files).toBeUndefined();
  });

  it("shows no map for a place the reports do not cover", () => {
    const payload = renderPlace(viewPlace(testFactdesk().lookupPlace("Idlib")), map());
    expect(payload.embeds[0]?.title).toBe("Not a place the reports cover");
    expect(payload.files).toBeUndefined();
    expect(payload.embeds[0]?.image).toBeUndefined();
  });
});
