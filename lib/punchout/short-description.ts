/**
 * Product names fitted into a procurement system's short-description field: OCI
 * `NEW_ITEM-DESCRIPTION` (40, SAP CHAR) and the cXML `ShortName` some buyers limit. The full name
 * travels elsewhere (OCI LONGTEXT, the cXML Description text); this is what the buyer reads in the
 * requisition list, so it is cut where a reader would cut it.
 */

/**
 * How a length is counted: `utf16` as SAP counts a CHAR field (an emoji is two), `codepoint` as XML
 * counts characters. Either way a cut never splits a character or a letter from its accent.
 */
export type LengthUnit = "utf16" | "codepoint";

const lengthIn = (unit: LengthUnit) => (text: string) => (unit === "utf16" ? text.length : Array.from(text).length);

/** Cuts to `maxLength` units without splitting a surrogate pair or grapheme; trailing space trimmed. */
export function cutToLength(text: string, maxLength: number, unit: LengthUnit = "utf16"): string {
  const length = lengthIn(unit);
  // Nearly every product text is plain Latin script: when the characters up to and including the first
  // one cut off are single graphemes, the cut is plain slicing. Segmenting took ~20 ms of a 500-line cart.
  if (SINGLE_GRAPHEMES.test(text.slice(0, maxLength + 1))) return text.slice(0, maxLength).trimEnd();
  let out = "";
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    used += length(segment);
    if (used > maxLength) break;
    out += segment;
  }
  return out.trimEnd();
}

/**
 * `text` itself when it fits in `maxLength`, else the longest run of whole words that fits, tidied so
 * it does not end in the middle of a qualifier: no trailing comma or connector ("en", "with", "x"), no
 * unclosed parenthesis, and no number whose unit was cut off — "…grade, 100 pieces" becomes "…grade",
 * not "…grade, 100" — together with a pack word that only introduced it ("pak", "box of"). A number
 * followed by something else (a model, "NewIcon 30 grijs") stays.
 * When whole words keep less than half the room because the next word is very long (no spaces in the
 * first `maxLength` characters, long compounds, codes), that word is cut after a hyphen or slash
 * inside it, or else at the last character that fits.
 */
export function shortDescription(text: string, maxLength: number, unit: LengthUnit = "utf16"): string {
  const length = lengthIn(unit);
  if (length(text) <= maxLength) return text;
  const words = text.trim().split(/\s+/);
  let fitting = 0;
  let used = 0;
  for (const word of words) {
    const next = used + (fitting > 0 ? 1 : 0) + length(word);
    if (next > maxLength) break;
    fitting += 1;
    used = next;
  }
  if (fitting === words.length) return words.join(" ");
  if (used < maxLength / 2) return cutInsideWord(words.slice(0, fitting), words[fitting]!, maxLength, length, unit);
  return tidy(words, fitting) || stripTrailing(words.slice(0, fitting).join(" ")) || cutToLength(text, maxLength, unit);
}

/** Whole words, then as much of the long word as fits up to a hyphen or slash in it, else a hard cut. */
function cutInsideWord(kept: string[], long: string, maxLength: number, length: (text: string) => number, unit: LengthUnit): string {
  const lead = kept.join(" ");
  const room = maxLength - length(lead) - (lead ? 1 : 0);
  let best = "";
  for (const match of long.matchAll(/[-‐–\/_]/g)) {
    const part = long.slice(0, match.index);
    if (length(part) > room) break;
    if (/[\p{L}\p{N}]/u.test(part)) best = part;
  }
  if (best) return stripTrailing([lead, best].filter(Boolean).join(" "));
  return cutToLength([lead, long].filter(Boolean).join(" "), maxLength, unit);
}

/**
 * The first `count` words, with a dangling end taken off (see shortDescription); "" when nothing
 * would be left. `words[count]` is the first word that did not fit.
 */
function tidy(words: readonly string[], count: number): string {
  const kept = words.slice(0, count);
  // An unclosed "(" or "[" opens a qualifier the cut left unfinished: keep what precedes it.
  const open = unclosedBracketWord(kept);
  if (open > 0) kept.length = open;
  while (kept.length > 0) {
    const last = kept[kept.length - 1]!;
    const stripped = stripTrailing(last);
    if (stripped === "") {
      kept.pop();
      continue;
    }
    kept[kept.length - 1] = stripped;
    const word = stripped.toLowerCase();
    if (CONNECTORS.has(word)) {
      kept.pop();
      continue;
    }
    // A comma after the number ends its phrase ("maat 10, blauw"): only a number run straight into
    // what was cut is part of a cut quantity.
    const followedBy = words[kept.length];
    if (stripped === last && NUMBER.test(stripped) && followedBy !== undefined && continuesQuantity(followedBy)) {
      kept.pop();
      continue;
    }
    if (stripped === last && kept.length > 1 && LEAD_WORDS.has(word) && leadsToNumber(words, kept.length)) {
      kept.pop();
      continue;
    }
    break;
  }
  return kept.join(" ");
}

/** The index of the word holding the last unclosed opening bracket, or -1. */
function unclosedBracketWord(words: readonly string[]): number {
  let depth = 0;
  for (let i = words.length - 1; i >= 0; i--) {
    const word = words[i]!;
    for (let c = word.length - 1; c >= 0; c--) {
      if (word[c] === ")" || word[c] === "]") depth += 1;
      else if (word[c] === "(" || word[c] === "[") {
        if (depth === 0) return word.startsWith(word[c]!) ? i : -1;
        depth -= 1;
      }
    }
  }
  return -1;
}

/** Whether the words from `index` on are a quantity: a number, maybe after "of"/"à"/"van"/"per". */
function leadsToNumber(words: readonly string[], index: number): boolean {
  let i = index;
  while (i < words.length && QUANTITY_CONNECTORS.has(words[i]!.toLowerCase())) i += 1;
  return i < words.length && /^\d/.test(words[i]!);
}

function continuesQuantity(word: string): boolean {
  const bare = stripTrailing(word.replace(/^[(\[]/, "")).toLowerCase();
  return UNITS.has(bare) || /^[x×*]\d/.test(bare);
}

const stripTrailing = (text: string) => text.replace(TRAILING_PUNCTUATION, "");

// Characters that are each a grapheme of their own, whatever precedes or follows them: printable
// Latin-1 and Latin Extended-A/B (combining marks start at U+0300).
const SINGLE_GRAPHEMES = /^[\u0020-\u007E\u00A0-\u02FF]*$/;
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Punctuation that only joins what follows: a description never ends in it. */
const TRAILING_PUNCTUATION = /[\s,;:\-‐–—\/\\&+|·•(\[{]+$/u;

/** "2,5", "100", "4.8", "1/2": a number on its own (not "100mm", "A4" or "T20"). */
const NUMBER = /^\d+(?:[.,\/]\d+)*$/;

/** Words that only join what follows (Dutch and English). */
const CONNECTORS = new Set([
  "x", "×", "*", "à", "a", "an", "the", "de", "het", "een", "en", "and", "of", "or", "met", "with", "zonder", "without",
  "voor", "for", "van", "from", "tot", "to", "per", "in", "op", "on", "aan", "bij", "incl", "incl.", "inclusief",
  "including", "excl", "excl.", "exclusief", "excluding", "ca", "ca.", "approx", "approx.",
]);

/** Connectors between a pack word and its count: "box of 100", "doos à 100", "pak van 500". */
const QUANTITY_CONNECTORS = new Set(["of", "à", "a", "van", "per", "met", "with", "x", "×"]);

/**
 * Words that introduce a count or a size: dropped when it was cut ("pak 500 vellen", "box of 100",
 * "maat 43"). Not containers that are as often the product's material or form ("karton", "fles").
 */
const LEAD_WORDS = new Set([
  "doos", "box", "pak", "pack", "package", "zak", "bag", "set", "rol", "roll", "verpakking", "verpakt",
  "packaging", "packed", "ream", "riem", "inhoud", "content", "contents", "containing", "bevat", "maat", "size",
  "nr", "nr.", "no", "no.",
]);

/** Units and counted nouns that complete a number ("100 stuks", "4,8 mm", "2,5 x 100"). */
const UNITS = new Set([
  "x", "×", "*", "-", "–", "%", "‰", "°", "°c", "°f",
  "stuks", "stuk", "st", "st.", "stk", "stk.", "pcs", "pcs.", "pc", "pieces", "piece", "pce", "ea", "each",
  "paar", "pair", "pairs", "vel", "vellen", "sheet", "sheets", "rol", "rollen", "roll", "rolls", "doos", "dozen",
  "box", "boxes", "pak", "pakken", "pack", "packs", "zak", "zakken", "bag", "bags", "set", "sets", "tabletten",
  "tablets", "capsules", "flacon", "flacons", "fles", "flessen", "bottle", "bottles", "blik", "blikken", "can",
  "cans", "emmer", "emmers", "bucket", "buckets", "tube", "tubes", "patronen", "cartridges",
  "pagina's", "paginas", "pages", "mm", "cm", "dm", "m", "km", "µm", "um", "mu", "micron", "nm",
  "inch", "ft", "g", "gr", "gram", "grams", "kg", "kilo", "kilogram", "mg", "t", "ton", "oz", "lb", "lbs",
  "l", "ltr", "liter", "liters", "litre", "litres", "ml", "cl", "dl", "m²", "m2", "m³", "m3", "mm²", "mm2",
  "cm²", "cm2", "g/m²", "g/m2", "gsm", "meter", "meters", "metre", "metres", "w", "kw", "v", "mah", "ah",
  "hz", "khz", "bar", "mpa", "kn", "db", "lm", "lux", "gb", "tb", "mb",
]);
