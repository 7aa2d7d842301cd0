/**
 * `@bedrock-kit/plugin-bedrock-converse`: provider `amazon-bedrock`, native Bedrock Converse and
 * ConverseStream with SigV4 or a bearer key. This entry only registers the provider; its
 * implementation loads on the provider's first call (docs/adr/0910-lazy-plugin-entry.md). The
 * factory and building blocks are at `@bedrock-kit/plugin-bedrock-converse/provider`, the zod schema
 * at `/config-schema`.
 */
import type { Plugin } from "@bedrock-kit/plugin-host";
import { createLazyConverseProvider } from "./lazy-converse-provider.js";

/** The plugin: registers the `amazon-bedrock` provider (a plain object: calling `definePlugin`, an identity function, would load the contract package at import). */
const plugin: Plugin = {
  id: "bedrock-converse",
  name: "Amazon Bedrock (Converse)",
  register(api) {
    api.registerProvider(createLazyConverseProvider());
  },
};

export default plugin;
