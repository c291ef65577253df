/** A CIF 3.0 row's fields as Ariba reads them: commas outside quotes separate, a backslash escapes the next character. */
export function cifFields(row: string): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < row.length; i++) {
    const c = row[i]!;
    if (quoted && c === "\\") current += row[++i];
    else if (c === '"') quoted = !quoted;
    else if (c === "," && !quoted) (out.push(current), (current = ""));
    else current += c;
  }
  out.push(current);
  return out;
}
