import type { BenchSummary } from "../aggregate-results.js";

/** Bar colours per peer kind. */
const KIND_COLOURS: Record<string, string> = { floor: "#8c8c8c", ours: "#1f6feb", sdk: "#d97706", framework: "#8250df" };

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * A horizontal bar chart of marginal CPU per event (median, with a p90 tick), one bar per peer,
 * grouped by wire format. Plain SVG written by hand: no chart dependency in the bench.
 */
export function renderMarginalCpuChart(summary: BenchSummary): string {
  const rows = summary.peers.filter((peer) => peer.marginalCpu !== undefined);
  const labelWidth = 330;
  const plotWidth = 470;
  const valueWidth = 150;
  const rowHeight = 22;
  const top = 58;
  const width = labelWidth + plotWidth + valueWidth;
  const groups = [...new Set(rows.map((peer) => peer.format))];
  const height = top + rows.length * rowHeight + groups.length * 18 + 40;
  const maximum = Math.max(...rows.map((peer) => peer.marginalCpu!.rounds.p90), 1);
  const scale = plotWidth / (maximum * 1.05);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="12" y="22" font-size="15" font-weight="600">Marginal CPU per streamed event (µs, median; tick = p90) — lower is better</text>`,
    `<text x="12" y="40" fill="#555">${escapeXml(`(CPU at 2,000 events − CPU at 5) / 1,995 · ${summary.machine.cpuModel} · Node ${summary.machine.nodeVersion} · ${summary.startedAt.slice(0, 10)}`)}</text>`,
  );
  let y = top;
  for (const format of groups) {
    parts.push(`<text x="12" y="${y + 12}" font-weight="600" fill="#333">${escapeXml(format)}</text>`);
    y += 18;
    for (const peer of rows.filter((candidate) => candidate.format === format)) {
      const marginal = peer.marginalCpu!;
      const barWidth = Math.max(1, marginal.microsPerEvent * scale);
      const tick = labelWidth + marginal.rounds.p90 * scale;
      const colour = KIND_COLOURS[peer.kind] ?? "#444";
      const ratio = Number.isFinite(marginal.ratioToFloor) ? ` (${marginal.ratioToFloor.toFixed(2)}× floor)` : "";
      parts.push(
        `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end"${peer.kind === "ours" ? ' font-weight="600"' : ""}>${escapeXml(peer.id)}</text>`,
        `<rect x="${labelWidth}" y="${y + 4}" width="${barWidth.toFixed(1)}" height="${rowHeight - 8}" fill="${colour}"/>`,
        `<line x1="${tick.toFixed(1)}" x2="${tick.toFixed(1)}" y1="${y + 2}" y2="${y + rowHeight - 2}" stroke="#222" stroke-width="1"/>`,
        `<text x="${labelWidth + plotWidth + 6}" y="${y + 15}">${marginal.microsPerEvent.toFixed(2)} µs${ratio}</text>`,
      );
      y += rowHeight;
    }
  }
  let legendX = 12;
  const legendY = height - 16;
  for (const [kind, colour] of Object.entries(KIND_COLOURS)) {
    parts.push(`<rect x="${legendX}" y="${legendY - 10}" width="12" height="12" fill="${colour}"/>`, `<text x="${legendX + 16}" y="${legendY}">${kind}</text>`);
    legendX += 90;
  }
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}
