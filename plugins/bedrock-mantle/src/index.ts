/**
 * `@bedrock-kit/plugin-bedrock-mantle`: provider `amazon-bedrock-mantle`, Bedrock's OpenAI- and
 * Anthropic-compatible endpoint. This entry only registers the provider; its implementation loads
 * on the provider's first call (docs/adr/0910-lazy-plugin-entry.md). The factory and building
 * blocks are at `@bedrock-kit/plugin-bedrock-mantle/provider`, the zod schemas at `/config-schema`.
 */
import type { Plugin } from "@bedrock-kit/plugin-host";
import { createLazyMantleProvider } from "./lazy-mantle-provider.js";

/** The plugin: registers the `amazon-bedrock-mantle` provider (a plain object: calling `definePlugin`, an identity function, would load the contract package at import). */
const plugin: Plugin = {
  id: "bedrock-mantle",
  name: "Amazon Bedrock Mantle",
  register(api) {
    api.registerProvider(createLazyMantleProvider());
  },
};

export default plugin;
