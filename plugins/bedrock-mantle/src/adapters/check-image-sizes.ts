import type { ChatRequest, ImagePart, Message } from "@bedrock-kit/plugin-host";
import { invalidRequestError } from "./adapter-errors.js";

/** Largest image Anthropic models on Bedrock accept, decoded (the Converse and Messages limit). */
export const ANTHROPIC_MAX_IMAGE_BYTES = 3.75 * 1024 * 1024;

/** Largest image the OpenAI-compatible surfaces accept, decoded. */
export const OPENAI_MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/** Decoded size of a base64 string, without decoding it. */
export function base64DecodedBytes(data: string): number {
  const padding = data.endsWith("==") ? 2 : data.endsWith("=") ? 1 : 0;
  return Math.floor((data.length * 3) / 4) - padding;
}

/**
 * Refuse an image over the API's per-image limit before sending: upstream would refuse it with a
 * 400 after the whole body (megabytes) was uploaded and counted against the input quota.
 */
export function checkImageSizes(request: ChatRequest, maxBytes: number): void {
  request.messages.forEach((message, messageIndex) => {
    for (const part of imagesOf(message)) {
      const bytes = base64DecodedBytes(part.data);
      if (bytes > maxBytes) {
        throw invalidRequestError(
          `Message ${messageIndex} has an image of ${(bytes / 1024 / 1024).toFixed(2)} MB; this API accepts at most ${(maxBytes / 1024 / 1024).toFixed(2)} MB per image.`,
          "Downscale or recompress the image (long side 1568 px is plenty for most models) and send it again.",
        );
      }
    }
  });
}

function imagesOf(message: Message): ImagePart[] {
  if (message.role === "assistant") return [];
  const lists = message.role === "user" ? [message.content] : message.content.map((result) => result.content);
  const images: ImagePart[] = [];
  for (const list of lists) {
    if (typeof list === "string") continue;
    for (const part of list) if (part.type === "image") images.push(part);
  }
  return images;
}
