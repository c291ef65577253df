/**
 * What the quick-order paste box holds after a submit: the lines that were not added, exactly as
 * typed, so a buyer corrects ten refused lines instead of typing them again; the added ones are gone,
 * so pressing the button again cannot add them twice. Pure (the form is a client component).
 */

type ReportedLine = { raw: string; outcome: { status: string } };

/** The refused lines of a report, in their order, as typed (a header line is no order line: left out). */
export function refusedLinesText(lines: readonly ReportedLine[]): string {
  return lines
    .filter((line) => line.outcome.status !== "added" && line.outcome.status !== "header")
    .map((line) => line.raw)
    .join("\n");
}

/**
 * The box without `raw`, once its line was added after all (its fix button): its first line that is
 * still exactly that; a line the buyer has edited since stays.
 */
export function withoutLine(box: string, raw: string): string {
  const lines = box.split(/\r\n|\n|\r/);
  const at = lines.indexOf(raw);
  if (at < 0) return box;
  lines.splice(at, 1);
  return lines.join("\n");
}
