/**
 * Candidates that look like `input`, closest first: same text ignoring case and punctuation,
 * containment, or a small edit distance. For "did you mean" hints.
 */
export function findCloseMatches(input: string, candidates: Iterable<string>, limit = 3): string[] {
  const wanted = normalize(input);
  const scored: Array<{ candidate: string; score: number }> = [];
  for (const candidate of new Set(candidates)) {
    const normalized = normalize(candidate);
    let score: number;
    if (normalized === wanted) score = 0;
    else if (wanted.length >= 3 && (normalized.includes(wanted) || wanted.includes(normalized))) score = 1;
    else {
      const distance = editDistance(wanted, normalized);
      if (distance > Math.max(2, Math.floor(wanted.length / 4))) continue;
      score = 1 + distance;
    }
    scored.push({ candidate, score });
  }
  scored.sort((left, right) => left.score - right.score || left.candidate.localeCompare(right.candidate));
  return scored.slice(0, limit).map((entry) => entry.candidate);
}

function normalize(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9/]/g, "");
}

/** Levenshtein distance with one row of memory. */
function editDistance(left: string, right: string): number {
  const row = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= right.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (left[i - 1] === right[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[right.length]!;
}
