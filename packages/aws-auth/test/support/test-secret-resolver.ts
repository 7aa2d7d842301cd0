import { readFile } from "node:fs/promises";
import { parseSecretRef, type Env, type SecretResolver } from "@bedrock-kit/plugin-host";

/** A resolver with the host's semantics (env and file references, trimmed, blank = unset), for tests. */
export function testSecretResolver(env: Env): SecretResolver {
  return async (ref) => {
    const parsed = parseSecretRef(ref);
    const value = parsed.kind === "env" ? env[parsed.name] : parsed.kind === "file" ? await readFile(parsed.path, "utf8").catch(() => undefined) : parsed.value;
    const trimmed = value?.trim();
    return trimmed ? trimmed : undefined;
  };
}
