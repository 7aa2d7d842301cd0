import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const FIXTURES = new URL("../../../../fixtures/converse/", import.meta.url);

/** The text of a fixture under fixtures/converse/. */
export function readConverseFixture(relativePath: string): string {
  return readFileSync(fileURLToPath(new URL(relativePath, FIXTURES)), "utf8");
}
