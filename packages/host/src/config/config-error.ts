import { BedrockKitError } from "@bedrock-kit/plugin-host";

/** A `config` error: the file, a provider entry, a plugin or a secret reference is not usable. */
export function configError(message: string, hint: string, options: { cause?: unknown; provider?: string } = {}): BedrockKitError {
  return new BedrockKitError({ code: "config", message, hint, ...options });
}

/** How a config source is named in errors: its path, or a stand-in when it came from code. */
export function describeConfigSource(path: string | undefined): string {
  return path ?? "config";
}
