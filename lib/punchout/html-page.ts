const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const head = (lang: string, title: string) => `<!DOCTYPE html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#0f172a}h1{font-size:1.4rem}p{color:#334155}hr{border:0;border-top:1px solid #e2e8f0;margin:1.5rem 0}</style>
</head><body>
`;

/**
 * A small self-contained page for punchout answers that are not the shop (errors a procurement
 * system shows in its frame). Dutch and English together: the buyer system sends no language.
 */
export function renderPunchoutMessagePage(input: { title: { nl: string; en: string }; text: { nl: string; en: string } }): string {
  return `${head("nl", input.title.nl)}<h1>${escape(input.title.nl)}</h1><p>${escape(input.text.nl)}</p><hr>
<h1 lang="en">${escape(input.title.en)}</h1><p lang="en">${escape(input.text.en)}</p>
</body></html>`;
}

/** The same page in one language, for a request from the shop's own pages (its language cookie tells which). */
export function renderPunchoutMessagePageIn(lang: "nl" | "en", input: { title: string; text: string }): string {
  return `${head(lang, input.title)}<h1>${escape(input.title)}</h1><p>${escape(input.text)}</p>
</body></html>`;
}

/** Replaces the values of secret parameters (passwords, shared secrets) before anything is logged. */
export function redactParameters(params: Iterable<[string, string]>, secretNames: readonly string[]): [string, string][] {
  const secret = new Set(secretNames.map((name) => name.toLowerCase()));
  return [...params].map(([name, value]) => [name, secret.has(name.toLowerCase()) || /passw|secret/i.test(name) ? "***" : value]);
}
