/**
 * `compute` remembered per key, for answers derived from a handful of fixed strings (a provider's
 * base URLs, a transport's request URLs) that calls would otherwise work out again each time.
 * Bounded: past `limit` distinct keys the memo starts over rather than grows. `undefined` answers
 * are remembered too. The answers are shared between callers, so an object answer is frozen
 * (shallowly).
 */
export function createBoundedMemo<Answer>(compute: (key: string) => Answer, limit: number): (key: string) => Answer {
  const byKey = new Map<string, Answer>();
  return (key) => {
    const known = byKey.get(key);
    if (known !== undefined || byKey.has(key)) return known as Answer;
    const answer = compute(key);
    if (typeof answer === "object" && answer !== null) Object.freeze(answer);
    if (byKey.size >= limit) byKey.clear();
    byKey.set(key, answer);
    return answer;
  };
}
