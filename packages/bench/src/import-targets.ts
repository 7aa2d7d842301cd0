/** A library whose fresh-process import time is measured. */
export interface ImportTarget {
  /** Stable id (peers point at it with `importTarget`). */
  id: string;
  /** Label for tables. */
  label: string;
  /** Group, as for peers. */
  kind: "floor" | "ours" | "sdk" | "framework";
  /** Module specifiers imported together, resolved from the bench package. */
  specifiers: string[];
}

/** Every import target, floor first. */
export const IMPORT_TARGETS: readonly ImportTarget[] = [
  // The floors import only node builtins; this is the cost of loading any module at all.
  { id: "floor", label: "floor (node:http, node:zlib)", kind: "floor", specifiers: ["node:http", "node:zlib"] },
  { id: "ours-mantle", label: "ours: @bedrock-kit/plugin-bedrock-mantle", kind: "ours", specifiers: ["@bedrock-kit/plugin-bedrock-mantle"] },
  { id: "ours-converse", label: "ours: @bedrock-kit/plugin-bedrock-converse", kind: "ours", specifiers: ["@bedrock-kit/plugin-bedrock-converse"] },
  { id: "openai", label: "openai", kind: "sdk", specifiers: ["openai"] },
  { id: "anthropic-sdk", label: "@anthropic-ai/sdk", kind: "sdk", specifiers: ["@anthropic-ai/sdk"] },
  {
    id: "aws-sdk",
    label: "@aws-sdk/client-bedrock-runtime (+ node-http-handler)",
    kind: "sdk",
    specifiers: ["@aws-sdk/client-bedrock-runtime", "@smithy/node-http-handler"],
  },
  { id: "ai-sdk-bedrock", label: "@ai-sdk/amazon-bedrock", kind: "framework", specifiers: ["@ai-sdk/amazon-bedrock"] },
  { id: "ai-sdk-mantle", label: "@ai-sdk/amazon-bedrock/mantle", kind: "framework", specifiers: ["@ai-sdk/amazon-bedrock/mantle"] },
];

/** The import target with this id. */
export function importTargetById(id: string): ImportTarget {
  const target = IMPORT_TARGETS.find((candidate) => candidate.id === id);
  if (target === undefined) throw new Error(`unknown import target ${id}`);
  return target;
}

/** The module that marks the AWS credential chain as loaded (it must stay off the import path). */
export const CREDENTIAL_CHAIN_MODULE = "@aws-sdk/credential-provider-node";
