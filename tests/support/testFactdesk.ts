/** The engine over the shipped store, built once per test file (unit and end-to-end tests alike). */
import { createFactdesk, type Factdesk } from "../../src/engine/factdesk.ts";

let sharedFactdesk: Factdesk | null = null;

export function testFactdesk(): Factdesk {
  sharedFactdesk ??= createFactdesk();
  return sharedFactdesk;
}
